import type { DecodeOptions, RecordHeaders, Serde } from '../serde/index.js';
import { UndecodableRecordError } from './errors.js';
import type { KafkaRecord } from './msk-event.js';

/** How the record key is turned into a value: docs/architecture.md §2 keys are UTF-8 aggregate ids. */
export type KeyFormat = 'utf8' | 'serde';

export interface DecodedParts<V> {
  readonly key: unknown;
  readonly value: V | null;
  /** The writer schema's id, when the bytes named one. */
  readonly schemaId?: number | string;
}

/** Magic bytes of docs/architecture.md §3 (Confluent v0, v1, Glue): bytes starting otherwise were not framed by a serializer. */
const framed = new Set([0x00, 0x01, 0x03]);
/** Shared by every framed value: no per-record options object. */
const framedOptions: DecodeOptions = Object.freeze({ validate: true });

/**
 * Decodes key and value. A value that the event source mapping's schema registry integration
 * already turned into JSON (EventRecordFormat JSON: metadata present, bytes not framed) is parsed
 * as JSON; anything else goes through the serde, which accepts every wire format. Synchronous
 * while every schema it needs is cached (the steady state): a promise only on a cache miss.
 */
export function decodeRecord<V>(
  record: KafkaRecord,
  serde: Serde,
  keyFormat: KeyFormat,
): DecodedParts<V> | Promise<DecodedParts<V>> {
  if (keyFormat === 'serde' && record.key !== null) return decodeWithSerdeKey(record, serde);
  return decodeValue(record, serde, record.key?.toString('utf8') ?? null);
}

async function decodeWithSerdeKey<V>(record: KafkaRecord, serde: Serde): Promise<DecodedParts<V>> {
  const key = await serdeKey(record.key as Buffer, record, serde);
  return decodeValue(record, serde, key);
}

function decodeValue<V>(
  record: KafkaRecord,
  serde: Serde,
  key: unknown,
): DecodedParts<V> | Promise<DecodedParts<V>> {
  if (record.value === null) return { key, value: null };
  if (record.valueSchemaMetadata && !framed.has(record.value[0] ?? -1)) {
    return {
      key,
      value: parseJson(record.value) as V,
      ...(record.valueSchemaMetadata.schemaId ? { schemaId: record.valueSchemaMetadata.schemaId } : {}),
    };
  }
  // Headers matter only for Confluent header ids, i.e. bytes without a magic byte; decoding them costs.
  const headers: RecordHeaders | undefined = framed.has(record.value[0] ?? -1) ? undefined : record.headerMap;
  const options = headers ? { headers, validate: true } : framedOptions;
  const cached = serde.decodeCached?.<V>(record.value, options);
  if (cached !== undefined) return { key, value: cached.value, schemaId: cached.schemaId };
  return serde
    .decode<V>(record.value, options)
    .then((decoded) => ({ key, value: decoded.value, schemaId: decoded.schemaId }));
}

async function serdeKey(key: Buffer, record: KafkaRecord, serde: Serde): Promise<unknown> {
  const headers = framed.has(key[0] ?? -1) ? undefined : record.headerMap;
  return (await serde.decode(key, { ...(headers ? { headers } : {}), isKey: true })).value;
}

function parseJson(bytes: Buffer): unknown {
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    throw new UndecodableRecordError('value has schema metadata but is neither framed nor JSON', {
      cause: error,
    });
  }
}
