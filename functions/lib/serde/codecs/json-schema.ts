import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { MalformedRecordError, SchemaDefinitionError, SerdeValidationError } from '../errors.js';
import type { Scratch } from '../scratch.js';
import type { BigIntegers } from '../types.js';
import type { DecodeContext, PayloadWriter, SchemaCodec } from './codec.js';
import { exactIntegers } from './json-big-integers.js';

// ajv-formats is CommonJS with a default export that NodeNext sees as the module object.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

/** One Ajv per draft, shared by every JSON Schema codec; validators are compiled once per definition. */
export class JsonSchemaCompiler {
  private draft7?: Ajv;
  private draft2020?: Ajv;

  compile(definition: string): ValidateFunction {
    let schema: Record<string, unknown>;
    try {
      schema = JSON.parse(definition) as Record<string, unknown>;
    } catch (error) {
      throw new SchemaDefinitionError(`JSON Schema is not JSON: ${(error as Error).message}`, {
        cause: error,
      });
    }
    const draft = String(schema.$schema ?? '');
    const ajv = draft.includes('2020-12') ? this.ajv2020() : this.ajv7();
    try {
      // A schema's $id must not clash with one compiled earlier for another version of it.
      const { $id: _ignored, ...anonymous } = schema;
      return ajv.compile(anonymous);
    } catch (error) {
      throw new SchemaDefinitionError(`invalid JSON Schema: ${(error as Error).message}`, { cause: error });
    }
  }

  private ajv7(): Ajv {
    this.draft7 ??= fresh(Ajv);
    return this.draft7;
  }

  private ajv2020(): Ajv {
    this.draft2020 ??= fresh(Ajv2020);
    return this.draft2020;
  }
}

function fresh(AjvClass: typeof Ajv | typeof Ajv2020): Ajv {
  const ajv = new AjvClass({ allErrors: true, strict: false });
  addFormats(ajv as Ajv);
  return ajv as Ajv;
}

function problems(errors: readonly ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map((e) => `${e.instancePath || '(root)'} ${e.message ?? e.keyword}`);
}

/** JSON Schema: UTF-8 JSON payloads, validated on encode always and on decode when asked. */
export class JsonSchemaCodec implements SchemaCodec {
  readonly type = 'JSON' as const;
  private readonly payloadWriter: PayloadWriter;

  constructor(private readonly validate: ValidateFunction) {
    this.payloadWriter = {
      write: (value: unknown, scratch: Scratch, pos: number): number => {
        this.check(value, 'value does not match its JSON Schema');
        const text = JSON.stringify(value);
        const length = Buffer.byteLength(text);
        scratch.ensure(pos + length, pos);
        return pos + scratch.buf.write(text, pos, 'utf8');
      },
    };
  }

  writer(): PayloadWriter {
    return this.payloadWriter;
  }

  read(bytes: Buffer, offset: number, context: DecodeContext): unknown {
    return this.readJson(bytes, offset, context.validate ?? false, context.bigIntegers ?? 'refuse');
  }

  /** The payload at `offset` parsed, validated when asked, its integers beyond 2^53 never rounded. */
  readJson(bytes: Buffer, offset: number, validate: boolean, bigIntegers: BigIntegers): unknown {
    const text = bytes.toString('utf8', offset);
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new MalformedRecordError(`JSON payload does not parse: ${(error as Error).message}`, {
        cause: error,
      });
    }
    // Validated as parsed: a bigint or string in place of a number would fail "type": "integer".
    if (validate) this.check(value, 'payload does not match its JSON Schema');
    return exactIntegers(text, value, bigIntegers);
  }

  private check(value: unknown, message: string): void {
    if (!this.validate(value)) throw new SerdeValidationError(message, problems(this.validate.errors));
  }
}
