import type { ManifestSchema } from '../../../functions/lib/manifest/index.js';
import { SchemaTypes } from '../../../functions/lib/schema/index.js';
import { ProtobufCodec, parseAvro, parseProto } from '../../../functions/lib/serde/index.js';
import { EventsError } from '../errors.js';
import { avroSample } from './avro-sample.js';
import { jsonSchemaSample } from './json-schema-sample.js';
import { protobufSample } from './protobuf-sample.js';

export { avroSample } from './avro-sample.js';
export { SAMPLE_INSTANT } from './field-values.js';
export { jsonSchemaSample } from './json-schema-sample.js';
export { protobufSample } from './protobuf-sample.js';

/**
 * An example payload of a manifest schema, parsed the way the serde parses it, for sample `n`
 * (from 1; only ids change with it).
 * @example samplePayload(manifest.topic('orders.order.paid').value) // { orderId: 'order-0001', ... }
 */
export function samplePayload(schema: ManifestSchema, n = 1): unknown {
  switch (schema.type) {
    case SchemaTypes.avro:
      return avroSample(parseAvro(schema.definition), n);
    case SchemaTypes.json:
      return jsonSchemaSample(parseJson(schema), n);
    case SchemaTypes.protobuf: {
      const { layout } = parseProto(schema.definition);
      return protobufSample(new ProtobufCodec(layout).messageType(schema.message), n);
    }
  }
}

function parseJson(schema: ManifestSchema): boolean | Record<string, unknown> {
  try {
    return JSON.parse(schema.definition) as boolean | Record<string, unknown>;
  } catch (error) {
    throw new EventsError(`${schema.file} is not JSON: ${(error as Error).message}`, { cause: error });
  }
}
