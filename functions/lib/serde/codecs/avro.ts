import avro from 'avsc';
// A static import (not createRequire) so esbuild bundles the same module avsc itself uses.
import avscUtils from 'avsc/lib/utils.js';
import { MalformedRecordError, SchemaDefinitionError, SerdeValidationError } from '../errors.js';
import type { Scratch } from '../scratch.js';
import { guardAvscReads } from './avro-guard.js';
import type { PayloadWriter, SchemaCodec } from './codec.js';

guardAvscReads();

type Resolver = ReturnType<avro.Type['createResolver']>;
/** avsc's reader entry point on a type or resolver: what `decode` and `fromBuffer` call inside. */
type TapReader = { _read(tap: { buf: Buffer; pos: number }): unknown };

const noBytes = Buffer.alloc(0);
/**
 * One Tap for every decode in the process. avsc's `decode` and `fromBuffer` each allocate a Tap
 * (and `decode` a result object) per call; decoding is synchronous, so one reused cursor is safe
 * and takes those allocations off the hot path.
 */
const tap = new avscUtils.Tap(noBytes, 0);

/** Parses Avro schema text; a parse cache in the codec table makes this once per definition. */
export function parseAvro(definition: string): avro.Type {
  try {
    return avro.Type.forSchema(JSON.parse(definition) as avro.Schema);
  } catch (error) {
    throw new SchemaDefinitionError(`invalid Avro schema: ${(error as Error).message}`, { cause: error });
  }
}

/** Avro via avsc. Decoding into another reader schema uses a resolver cached per reader. */
export class AvroCodec implements SchemaCodec {
  readonly type = 'AVRO' as const;
  private readonly resolvers = new Map<avro.Type, Resolver>();
  private readonly payloadWriter: PayloadWriter;

  constructor(readonly avroType: avro.Type) {
    const type = avroType;
    this.payloadWriter = {
      write(value: unknown, scratch: Scratch, pos: number): number {
        let end: number;
        try {
          end = type.encode(value, scratch.buf, pos);
          if (end < 0) {
            // avsc returns minus the number of missing bytes when the buffer is too small.
            scratch.ensure(scratch.buf.length - end, pos);
            end = type.encode(value, scratch.buf, pos);
          }
        } catch (error) {
          throw invalidValue(type, value, error);
        }
        return end;
      },
    };
  }

  writer(): PayloadWriter {
    return this.payloadWriter;
  }

  read(bytes: Buffer, offset: number): unknown {
    return this.decodeWith(this.avroType, bytes, offset, undefined);
  }

  /** Decodes a payload written with this schema into `reader` (Avro schema resolution). */
  readAs(bytes: Buffer, offset: number, reader: avro.Type): unknown {
    if (reader === this.avroType) return this.decodeWith(reader, bytes, offset, undefined);
    let resolver = this.resolvers.get(reader);
    if (resolver === undefined) {
      try {
        resolver = reader.createResolver(this.avroType);
      } catch (error) {
        throw new SchemaDefinitionError(
          `reader schema ${String(reader.name ?? reader.typeName)} cannot read writer schema ${String(this.avroType.name ?? this.avroType.typeName)}: ${(error as Error).message}`,
          { cause: error },
        );
      }
      this.resolvers.set(reader, resolver);
    }
    return this.decodeWith(reader, bytes, offset, resolver);
  }

  private decodeWith(
    reader: avro.Type,
    bytes: Buffer,
    offset: number,
    resolver: Resolver | undefined,
  ): unknown {
    tap.buf = bytes;
    tap.pos = offset;
    let value: unknown;
    try {
      // A resolver reads writer bytes into its reader type; without one the type reads its own.
      value = ((resolver ?? reader) as unknown as TapReader)._read(tap);
    } catch (error) {
      throw new MalformedRecordError(`Avro payload does not decode: ${(error as Error).message}`, {
        cause: error,
      });
    } finally {
      // Do not keep the last record's bytes alive.
      tap.buf = noBytes;
    }
    const end = tap.pos;
    if (end > bytes.length) throw new MalformedRecordError('Avro payload is truncated');
    if (end !== bytes.length) {
      throw new MalformedRecordError(
        `Avro payload has ${bytes.length - end} trailing bytes after the record`,
      );
    }
    return value;
  }
}

function invalidValue(type: avro.Type, value: unknown, cause: unknown): SerdeValidationError {
  const problems: string[] = [];
  type.isValid(value, {
    errorHook: (path: string[], v: unknown, t: avro.Type) =>
      problems.push(
        `${path.join('.') || '(root)'}: ${JSON.stringify(v) ?? 'undefined'} is not a ${t.typeName}`,
      ),
  });
  return new SerdeValidationError(
    `value does not match Avro schema ${String(type.name ?? type.typeName)}`,
    problems.length ? problems : [(cause as Error).message],
    { cause },
  );
}
