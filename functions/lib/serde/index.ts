import type { SchemaRegistryClient } from '../registry/types.js';
import { SerdeConfigError } from './errors.js';
import { RegistrySerde } from './serde.js';
import type { Serde, SerdeOptions } from './types.js';

/**
 * The serde for producers and consumers: encodes in the configured wire format, decodes
 * every format of DESIGN.md §3, with schemas from the given registry client.
 *
 * @example
 * const serde = createSerde({ registry: { kind: 'glue', registryName: 'eventline' }, client });
 * const bytes = await serde.encode(order, { topic: 'orders.order.placed', schema });
 * const { value } = await serde.decode(bytes);
 */
export function createSerde(options: SerdeOptions & { readonly client?: SchemaRegistryClient }): Serde {
  if (options.client === undefined) {
    throw new SerdeConfigError(
      `createSerde needs a registry client for the ${options.registry.kind} registry (see functions/lib/registry)`,
    );
  }
  return new RegistrySerde(options, options.client);
}

export {
  firstBytesHex,
  MalformedRecordError,
  SchemaDefinitionError,
  SerdeConfigError,
  SerdeError,
  SerdeValidationError,
  UnknownWireFormatError,
} from './errors.js';
export { fixedSchemaClient } from './fixed-schema-client.js';
export { SubjectStrategies, subjectName } from './subject-strategy.js';
export * from './types.js';
