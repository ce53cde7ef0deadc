import type { MSKEvent, MSKRecord } from 'aws-lambda';
import type { KafkaMessage } from 'kafkajs';
import { InvalidBatchResponseError } from './errors.js';

/** A fetched Kafka record with the topic and partition it came from. */
export interface SourceRecord {
  readonly topic: string;
  readonly partition: number;
  readonly message: KafkaMessage;
}

export interface MskEventSource {
  readonly eventSourceArn: string;
  /** Comma-separated `host:port` list, as in the event. */
  readonly bootstrapServers: string;
}

/**
 * The event Lambda's MSK event source mapping delivers, checked against `@types/aws-lambda`
 * MSKEvent/MSKRecord and AWS's example event (https://docs.aws.amazon.com/lambda/latest/dg/with-msk.html,
 * "Example Amazon MSK event"): `eventSource: "aws:kafka"`, `eventSourceArn` (the cluster ARN),
 * `bootstrapServers`, and `records` keyed by `<topic>-<partition>`, each record with topic,
 * partition, offset and timestamp as numbers, `timestampType`, base64 key and value, and headers
 * as a list of one-entry objects whose value is the header's bytes as a number array.
 */
export function toMskEvent(source: MskEventSource, records: readonly SourceRecord[]): MSKEvent {
  const grouped: Record<string, MSKRecord[]> = {};
  for (const record of records) {
    const key = `${record.topic}-${record.partition}`;
    grouped[key] ??= [];
    grouped[key].push(toMskRecord(record));
  }
  return {
    eventSource: 'aws:kafka',
    eventSourceArn: source.eventSourceArn,
    bootstrapServers: source.bootstrapServers,
    records: grouped,
  };
}

function toMskRecord({ topic, partition, message }: SourceRecord): MSKRecord {
  const timestampType = (message as KafkaMessage & { batchContext?: { timestampType?: number } }).batchContext
    ?.timestampType;
  const record = {
    topic,
    partition,
    offset: Number(message.offset),
    timestamp: Number(message.timestamp),
    timestampType: timestampType === 1 ? ('LOG_APPEND_TIME' as const) : ('CREATE_TIME' as const),
    value: message.value === null ? '' : message.value.toString('base64'),
    headers: toMskHeaders(message.headers),
  };
  // A record without a key has no `key` field in the event (the type says string; the event omits it).
  return (message.key === null ? record : { ...record, key: message.key.toString('base64') }) as MSKRecord;
}

function toMskHeaders(headers: KafkaMessage['headers']): MSKRecord['headers'] {
  const out: MSKRecord['headers'] = [];
  for (const [name, value] of Object.entries(headers ?? {})) {
    const values = Array.isArray(value) ? value : [value];
    for (const v of values) {
      if (v === undefined) continue;
      out.push({ [name]: [...(typeof v === 'string' ? Buffer.from(v) : v)] });
    }
  }
  return out;
}

/**
 * Index of the first record to retry from a Kafka partial batch response, or undefined for a
 * success. For Kafka event sources the itemIdentifier is an object: the `<topic>-<partition>`
 * key of the event's records map and the offset
 * (https://docs.aws.amazon.com/lambda/latest/dg/kafka-retry-configurations.html, "Partial batch
 * response"). The records given are one partition's; failures named for other partitions of the
 * same invocation are theirs to read.
 */
export function firstFailedKafkaIndex(
  records: readonly SourceRecord[],
  response: unknown,
): number | undefined {
  const failures = (response as { batchItemFailures?: unknown } | null | undefined)?.batchItemFailures;
  if (!Array.isArray(failures) || failures.length === 0) return undefined;
  const partitionKey = records[0] ? `${records[0].topic}-${records[0].partition}` : undefined;
  let lowest: number | undefined;
  for (const failure of failures) {
    const id = (failure as { itemIdentifier?: { partition?: unknown; offset?: unknown } } | null)
      ?.itemIdentifier;
    if (typeof id?.partition !== 'string' || id.offset === undefined || id.offset === null) {
      throw new InvalidBatchResponseError(
        `itemIdentifier ${JSON.stringify(id)} is not { partition, offset }`,
      );
    }
    // An invocation may hold several partitions; each partition's batch reads its own failures.
    if (id.partition !== partitionKey) continue;
    const index = records.findIndex((r) => Number(r.message.offset) === Number(id.offset));
    if (index < 0)
      throw new InvalidBatchResponseError(
        `itemIdentifier ${JSON.stringify(id)} names no record of the batch`,
      );
    lowest = lowest === undefined ? index : Math.min(lowest, index);
  }
  return lowest;
}
