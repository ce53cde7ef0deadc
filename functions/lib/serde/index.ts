import { createRegistryClient } from '../registry/factory.js';
import type { SchemaRegistryClient } from '../registry/types.js';
import { RegistrySerde } from './serde.js';
import type { Serde, SerdeOptions } from './types.js';

/**
 * The serde for producers and consumers: encodes in the configured wire format, decodes
 * every format of docs/architecture.md §3, with schemas from the given registry client (by default the
 * process-wide cached client for `options.registry`).
 *
 * @example
 * const serde = createSerde({ registry: { kind: 'glue', registryName: 'eventline' } });
 * const bytes = await serde.encode(order, { topic: 'orders.order.placed', schema });
 * const { value } = await serde.decode(bytes);
 */
export function createSerde(options: SerdeOptions & { readonly client?: SchemaRegistryClient }): Serde {
  return new RegistrySerde(options, options.client ?? createRegistryClient(options.registry));
}

export { parseAvro } from './codecs/avro.js';
export { CodecTable } from './codecs/codec-table.js';
export { isSerializedDescriptor } from './codecs/proto-descriptor.js';
export { ProtobufCodec, parseProto } from './codecs/protobuf.js';
export {
  firstBytesHex,
  MalformedRecordError,
  SchemaDefinitionError,
  SerdeConfigError,
  SerdeError,
  SerdeValidationError,
  UnknownWireFormatError,
  UnsafeIntegerError,
} from './errors.js';
export { fixedSchemaClient } from './fixed-schema-client.js';
export { Scratch } from './scratch.js';
export { SubjectStrategies, subjectName } from './subject-strategy.js';
export { valueEncodeOptions } from './topic-options.js';
export * from './types.js';
export { uuidFromBytes, uuidToBytes } from './wire/uuid.js';
