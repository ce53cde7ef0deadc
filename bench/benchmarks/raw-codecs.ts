import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import avro from 'avsc';
import protobuf from 'protobufjs';
import type { BenchSchema } from '../fixtures/schemas.js';

/** The baselines: each library used directly, the way a hand-written producer would. */
export interface RawCodec {
  readonly library: string;
  encode(value: unknown): Buffer;
  decode(payload: Buffer): unknown;
}

export function rawAvro(schema: BenchSchema): RawCodec {
  const type = avro.Type.forSchema(JSON.parse(schema.definition) as avro.Schema);
  return {
    library: 'avsc',
    encode: (value) => type.toBuffer(value),
    decode: (payload) => type.fromBuffer(payload),
  };
}

export function rawProtobuf(schema: BenchSchema): RawCodec {
  if (!schema.message) throw new Error('a Protobuf bench schema names its message');
  // keepCase: field names as the .proto declares them, as the serde reads and writes them.
  const type = protobuf.parse(schema.definition, { keepCase: true }).root.lookupType(schema.message);
  return {
    library: 'protobufjs',
    encode: (value) => Buffer.from(type.encode(value as Record<string, unknown>).finish()),
    decode: (payload) => type.decode(payload),
  };
}

/** JSON Schema: ajv validates, JSON does the bytes (on decode too, as a validating consumer would). */
export function rawJsonSchema(schema: BenchSchema): RawCodec {
  const ajv = new Ajv({ allErrors: false });
  addFormats.default(ajv);
  const validate = ajv.compile(JSON.parse(schema.definition) as object);
  return {
    library: 'JSON + ajv',
    encode: (value) => {
      if (!validate(value)) throw new Error('invalid fixture record');
      return Buffer.from(JSON.stringify(value));
    },
    decode: (payload) => {
      const value = JSON.parse(payload.toString('utf8')) as unknown;
      if (!validate(value)) throw new Error('invalid fixture record');
      return value;
    },
  };
}
