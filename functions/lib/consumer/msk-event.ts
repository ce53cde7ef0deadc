import type { FailedRecord, RawHeader } from '../dlq/types.js';
import type { IncomingHeaders } from '../envelope/index.js';
import { MalformedEventError } from './errors.js';

/*
 * The trigger event, as documented for Amazon MSK (https://docs.aws.amazon.com/lambda/latest/dg/with-msk.html,
 * eventSource `aws:kafka`, with eventSourceArn) and self-managed Kafka
 * (https://docs.aws.amazon.com/lambda/latest/dg/with-kafka.html, eventSource `SelfManagedKafka`), and typed in
 * @types/aws-lambda as MSKEvent / SelfManagedKafkaEvent: records grouped under `<topic>-<partition>` keys, key and
 * value base64, headers a list of `{ name: [byte, ...] }` objects. A record without a key or value (tombstone) has
 * the field absent or null, which @types/aws-lambda does not model. With a schema registry on the event source
 * mapping (https://docs.aws.amazon.com/lambda/latest/dg/services-consume-kafka-events.html) each record also
 * carries `keySchemaMetadata` / `valueSchemaMetadata` `{ dataFormat, schemaId }`.
 */
export interface MskSchemaMetadata {
  readonly dataFormat?: string;
  readonly schemaId?: string;
}

export interface MskWireRecord {
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
  readonly timestamp: number;
  readonly timestampType?: 'CREATE_TIME' | 'LOG_APPEND_TIME';
  readonly key?: string | null;
  readonly value?: string | null;
  readonly headers?: ReadonlyArray<Readonly<Record<string, readonly number[] | null>>>;
  readonly keySchemaMetadata?: MskSchemaMetadata;
  readonly valueSchemaMetadata?: MskSchemaMetadata;
}

export interface MskTriggerEvent {
  readonly eventSource: 'aws:kafka' | 'SelfManagedKafka';
  readonly eventSourceArn?: string;
  readonly bootstrapServers?: string;
  readonly records: Readonly<Record<string, readonly MskWireRecord[]>>;
}

/** One record of the batch, bytes decoded, not yet deserialized. */
export interface KafkaRecord extends FailedRecord {
  /** The `records` map key it came under; the partial batch response names it. */
  readonly partitionKey: string;
  readonly timestampType?: string;
  /** Last value per header name, for envelope and serde look-ups. */
  readonly headerMap: IncomingHeaders;
  readonly keySchemaMetadata?: MskSchemaMetadata;
  readonly valueSchemaMetadata?: MskSchemaMetadata;
}

export interface KafkaPartitionBatch {
  readonly partitionKey: string;
  /** In offset order. */
  readonly records: readonly KafkaRecord[];
}

export interface KafkaBatch {
  readonly eventSource: MskTriggerEvent['eventSource'];
  readonly eventSourceArn?: string;
  readonly partitions: readonly KafkaPartitionBatch[];
}

/** Turns an `aws:kafka` or `SelfManagedKafka` trigger event into records grouped by partition, in offset order. */
export function parseMskEvent(event: unknown): KafkaBatch {
  if (typeof event !== 'object' || event === null) throw new MalformedEventError('not an object');
  const { eventSource, eventSourceArn, records } = event as Partial<MskTriggerEvent>;
  if (eventSource !== 'aws:kafka' && eventSource !== 'SelfManagedKafka') {
    throw new MalformedEventError(`eventSource ${JSON.stringify(eventSource)}`);
  }
  if (typeof records !== 'object' || records === null) throw new MalformedEventError('no records map');
  const partitions = Object.entries(records).map(([partitionKey, list]) => {
    if (!Array.isArray(list)) throw new MalformedEventError(`records[${partitionKey}] is not a list`);
    const parsed = list.map((record) => parseRecord(partitionKey, record));
    // Lambda delivers in offset order already; sorting makes "stop at the first failure" safe regardless.
    parsed.sort((a, b) => a.offset - b.offset);
    return { partitionKey, records: parsed };
  });
  return { eventSource, ...(eventSourceArn !== undefined ? { eventSourceArn } : {}), partitions };
}

function parseRecord(partitionKey: string, record: MskWireRecord): KafkaRecord {
  if (
    typeof record?.topic !== 'string' ||
    !Number.isInteger(record.partition) ||
    !Number.isInteger(record.offset)
  ) {
    throw new MalformedEventError(`record under ${partitionKey} lacks topic, partition or offset`);
  }
  const headers = parseHeaders(record.headers ?? []);
  const headerMap: Record<string, Buffer | undefined> = {};
  for (const [name, value] of headers) headerMap[name] = value ?? undefined;
  return {
    partitionKey,
    topic: record.topic,
    partition: record.partition,
    offset: record.offset,
    timestamp: record.timestamp,
    ...(record.timestampType !== undefined ? { timestampType: record.timestampType } : {}),
    key: fromBase64(record.key),
    value: fromBase64(record.value),
    headers,
    headerMap,
    ...(record.keySchemaMetadata ? { keySchemaMetadata: record.keySchemaMetadata } : {}),
    ...(record.valueSchemaMetadata ? { valueSchemaMetadata: record.valueSchemaMetadata } : {}),
  };
}

function fromBase64(text: string | null | undefined): Buffer | null {
  return text === undefined || text === null ? null : Buffer.from(text, 'base64');
}

function parseHeaders(list: NonNullable<MskWireRecord['headers']>): RawHeader[] {
  const headers: RawHeader[] = [];
  for (const entry of list) {
    for (const [name, bytes] of Object.entries(entry)) {
      // Java-side pollers may serialise bytes as signed values (-128..127); `& 0xff` maps both forms to octets.
      headers.push([name, bytes === null ? null : Buffer.from(bytes.map((b) => b & 0xff))]);
    }
  }
  return headers;
}
