import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { Command } from 'commander';
import { loadManifest } from '../../../functions/lib/manifest/index.js';
import type { RegistryOptions } from '../../../functions/lib/registry/index.js';
import type { SchemaInput } from '../../../functions/lib/registry/types.js';
import type { SchemaType } from '../../../functions/lib/schema/index.js';
import type { DecodedRecord, ProtobufCodec, RecordHeaders } from '../../../functions/lib/serde/index.js';
import {
  CodecTable,
  createSerde,
  fixedSchemaClient,
  SerdeError,
} from '../../../functions/lib/serde/index.js';
import {
  localRegistryClient,
  type RegistryFlags,
  registryFromFlags,
  withRegistryFlags,
} from '../registry-flags.js';
import { CliError } from '../run.js';

export interface DecodeCommandOptions extends RegistryFlags {
  readonly schema?: string;
  readonly message?: string;
  readonly key?: boolean;
  /** `name=value` pairs, as collected by `--header`. */
  readonly header?: readonly string[];
}

const schemaTypes: Readonly<Record<string, SchemaType>> = {
  '.avsc': 'AVRO',
  '.json': 'JSON',
  '.proto': 'PROTOBUF',
};

/** What `eventline decode` prints: the framing facts and the decoded value. */
export function describeRecord(record: DecodedRecord): Record<string, unknown> {
  return {
    format: record.format,
    schemaId: record.schemaId,
    compression: record.compression,
    ...(record.messageIndexes ? { messageIndexes: record.messageIndexes } : {}),
    value: record.value,
  };
}

/** Bytes fields print as base64, like protobuf's JSON mapping. */
export function jsonValue(_key: string, value: unknown): unknown {
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (value && typeof value === 'object' && (value as { type?: unknown }).type === 'Buffer') {
    return Buffer.from((value as { data: number[] }).data).toString('base64');
  }
  return value;
}

/**
 * Record headers from `--header name=value`: `hex:` and `base64:` values are bytes (the
 * schema-id headers are binary; `dlq show` prints such values as `base64:…`), others UTF-8.
 * A repeated name keeps its last value, as the serde reads the last header of a name.
 */
export function parseHeaders(pairs: readonly string[]): RecordHeaders {
  const headers: Record<string, Buffer> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0)
      throw new CliError(`--header ${pair}: expected name=value (value as text, hex:… or base64:…)`);
    const name = pair.slice(0, at);
    const value = pair.slice(at + 1);
    headers[name] = headerBytes(name, value);
  }
  return headers;
}

function headerBytes(name: string, value: string): Buffer {
  if (value.startsWith('hex:')) {
    const hex = value.slice(4);
    if (!/^(?:[0-9a-fA-F]{2})*$/.test(hex)) throw new CliError(`--header ${name}: "${hex}" is not hex bytes`);
    return Buffer.from(hex, 'hex');
  }
  if (value.startsWith('base64:')) {
    const base64 = value.slice(7);
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(base64) || base64.length % 4 !== 0) {
      throw new CliError(`--header ${name}: "${base64}" is not base64`);
    }
    return Buffer.from(base64, 'base64');
  }
  return Buffer.from(value, 'utf8');
}

async function readInput(file: string): Promise<Buffer> {
  if (file !== '-') {
    try {
      return await readFile(file);
    } catch (error) {
      throw new CliError(
        `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      );
    }
  }
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function offlineSchema(file: string, message?: string): Promise<SchemaInput> {
  const type = schemaTypes[extname(file)];
  if (!type) throw new CliError(`--schema ${file}: expected a .avsc, .json (JSON Schema) or .proto file`);
  if (type !== 'PROTOBUF' && message) throw new CliError('--message is for .proto schemas only');
  let definition: string;
  try {
    definition = await readFile(file, 'utf8');
  } catch (error) {
    throw new CliError(
      `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  return { type, definition };
}

/** With --message, the bytes must hold that message type (their index must point at it). */
function checkMessage(schema: SchemaInput, message: string, record: DecodedRecord): void {
  let expected: number[];
  try {
    const codec = new CodecTable().codec('PROTOBUF', schema.definition) as ProtobufCodec;
    expected = codec.indexesFor(codec.messageType(message), record.format === 'glue' ? 'glue' : 'confluent');
  } catch (error) {
    throw new CliError((error as Error).message);
  }
  const actual = record.messageIndexes ?? [];
  if (expected.join(',') !== actual.join(',')) {
    throw new CliError(
      `the record's message index [${actual.join(', ')}] is not ${message} ([${expected.join(', ')}])`,
      2,
    );
  }
}

export function decodeCommand(): Command {
  const command = new Command('decode')
    .description(
      'decode one record (any wire format) and print {format, schemaId, compression, value} as JSON',
    )
    .argument('<file>', "the record's raw bytes, or - for standard input")
    .option('--schema <file>', 'decode offline against this schema (.avsc, .json JSON Schema, .proto)')
    .option('--message <name>', 'with --schema FILE.proto: the fully qualified message the bytes must hold');
  return withRegistryFlags(command, {
    when: 'the writer schema is fetched from it by the id in the record (give one of --schema, --registry, --glue-registry)',
  })
    .option('--key', 'the bytes are a record key (key schema-id header, key subject)')
    .option(
      '--header <name=value>',
      'a record header, repeatable; value as text, hex:… or base64:… (e.g. __value_schema_id=hex:01…)',
      (pair: string, previous: string[] = []) => [...previous, pair],
    )
    .action(async (file: string, options: DecodeCommandOptions) => {
      const named = registryFromFlags(options, () => loadManifest().glueRegistryName);
      if ((options.schema === undefined) === (named === undefined)) {
        throw new CliError('give exactly one of --schema, --registry, --glue-registry');
      }
      const registry: RegistryOptions = named ?? { kind: 'confluent', url: 'offline' };
      const schema = options.schema ? await offlineSchema(options.schema, options.message) : undefined;
      const client = schema ? fixedSchemaClient(schema) : localRegistryClient(registry);
      const headers = parseHeaders(options.header ?? []);
      const bytes = await readInput(file);
      let record: DecodedRecord;
      try {
        record = await createSerde({ registry, client }).decode(bytes, {
          isKey: options.key ?? false,
          headers,
        });
      } catch (error) {
        if (error instanceof SerdeError || (error as { retryable?: unknown }).retryable === false) {
          throw new CliError((error as Error).message, 2);
        }
        throw error;
      }
      if (schema && options.message) checkMessage(schema, options.message, record);
      process.stdout.write(`${JSON.stringify(describeRecord(record), jsonValue)}\n`);
    });
}
