import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { OutboxAttributes } from './attributes.js';
import { OutboxError } from './errors.js';
import type { OutboxRecord } from './types.js';

export function aggregateKey(aggregateType: string, aggregateId: string): string {
  return `${aggregateType}#${aggregateId}`;
}

/** The DynamoDB item for one event. */
export function toOutboxItem(record: OutboxRecord): Record<string, AttributeValue> {
  // No empty `headers` map: it costs bytes, and the SDK's stream client reads `{ M: {} }` back as `{}`.
  const { headers, ...rest } = record;
  return marshall(
    {
      [OutboxAttributes.partitionKey]: aggregateKey(record.aggregateType, record.aggregateId),
      [OutboxAttributes.sortKey]: record.eventId,
      ...rest,
      ...(Object.keys(headers).length > 0 ? { headers } : {}),
    },
    { removeUndefinedValues: true, convertClassInstanceToMap: false },
  );
}

/** Reads an outbox item back (from a GetItem or an SDK stream record); throws on a malformed one. */
export function fromOutboxItem(image: Record<string, AttributeValue>): OutboxRecord {
  return outboxRecordFrom(toBuffers(unmarshall(image)) as Record<string, unknown>);
}

/** An outbox record from an item already turned into plain values; checks the fields the relay relies on. */
export function outboxRecordFrom(raw: Record<string, unknown>): OutboxRecord {
  for (const field of RECORD_STRINGS) {
    if (typeof raw[field] !== 'string') {
      throw new OutboxError(`outbox item ${String(raw.pk)}/${String(raw.sk)} has no string "${field}"`);
    }
  }
  if (!('payload' in raw)) throw new OutboxError(`outbox item ${String(raw.eventId)} has no payload`);
  // Field by field rather than a rest spread: the relay reads every stream record through here.
  const strings = raw as Record<(typeof RECORD_STRINGS)[number], string>;
  const record: { -readonly [K in keyof OutboxRecord]: OutboxRecord[K] } = {
    eventId: strings.eventId,
    eventType: strings.eventType,
    aggregateType: strings.aggregateType,
    aggregateId: strings.aggregateId,
    occurredAt: strings.occurredAt,
    source: strings.source,
    topic: strings.topic,
    payload: raw.payload,
    headers: (raw.headers as Record<string, string> | undefined) ?? {},
    txId: strings.txId,
    txSeq: Number(raw.txSeq ?? 0),
    expiresAt: raw.expiresAt as number,
  };
  if (raw.traceparent !== undefined) record.traceparent = raw.traceparent as string;
  return record;
}

const RECORD_STRINGS = [
  'eventId',
  'eventType',
  'aggregateType',
  'aggregateId',
  'occurredAt',
  'source',
  'topic',
  'txId',
] as const;

// unmarshall yields Uint8Array for binary attributes; the codecs (avsc bytes/fixed) want Buffer.
function toBuffers(value: unknown): unknown {
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  if (Array.isArray(value)) return value.map(toBuffers);
  if (value !== null && typeof value === 'object' && !(value instanceof Set)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toBuffers(v)]));
  }
  return value;
}
