import type { FailedRecord, RawHeader } from '../dlq/types.js';
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
  readonly headerMap: Readonly<Record<string, Buffer | undefined>>;
  /** One header's last value as UTF-8, without decoding the others. */
  header(name: string): string | undefined;
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
    // Lambda delivers in offset order already; sorting otherwise keeps "stop at the first failure" safe.
    if (!inOffsetOrder(parsed)) parsed.sort((a, b) => a.offset - b.offset);
    return { partitionKey, records: parsed };
  });
  return { eventSource, ...(eventSourceArn !== undefined ? { eventSourceArn } : {}), partitions };
}

function inOffsetOrder(records: readonly KafkaRecord[]): boolean {
  for (let i = 1; i < records.length; i++) {
    if ((records[i - 1] as KafkaRecord).offset > (records[i] as KafkaRecord).offset) return false;
  }
  return true;
}

function parseRecord(partitionKey: string, record: MskWireRecord): KafkaRecord {
  if (
    typeof record?.topic !== 'string' ||
    !Number.isInteger(record.partition) ||
    !Number.isInteger(record.offset)
  ) {
    throw new MalformedEventError(`record under ${partitionKey} lacks topic, partition or offset`);
  }
  return new WireRecord(partitionKey, record);
}

/**
 * A record with key and value decoded up front and headers decoded on first use: most records
 * of a healthy batch never need more than the event id, and turning every header's JSON byte
 * array into a Buffer is a large share of the work of a batch.
 */
class WireRecord implements KafkaRecord {
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
  readonly timestamp: number;
  readonly timestampType?: string;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly keySchemaMetadata?: MskSchemaMetadata;
  readonly valueSchemaMetadata?: MskSchemaMetadata;
  private parsedHeaders: RawHeader[] | undefined;
  private lastValues: Record<string, Buffer | undefined> | undefined;

  constructor(
    readonly partitionKey: string,
    private readonly wire: MskWireRecord,
  ) {
    this.topic = wire.topic;
    this.partition = wire.partition;
    this.offset = wire.offset;
    this.timestamp = wire.timestamp;
    this.key = fromBase64(wire.key);
    this.value = fromBase64(wire.value);
    if (wire.timestampType !== undefined) this.timestampType = wire.timestampType;
    if (wire.keySchemaMetadata) this.keySchemaMetadata = wire.keySchemaMetadata;
    if (wire.valueSchemaMetadata) this.valueSchemaMetadata = wire.valueSchemaMetadata;
  }

  get headers(): readonly RawHeader[] {
    this.parsedHeaders ??= parseHeaders(this.wire.headers);
    return this.parsedHeaders;
  }

  get headerMap(): Readonly<Record<string, Buffer | undefined>> {
    if (this.lastValues === undefined) {
      const map: Record<string, Buffer | undefined> = {};
      for (const [name, value] of this.headers) map[name] = value ?? undefined;
      this.lastValues = map;
    }
    return this.lastValues;
  }

  header(name: string): string | undefined {
    const list = this.wire.headers;
    if (!list) return undefined;
    // Last occurrence wins, as with headerMap; no other header is decoded.
    for (let i = list.length - 1; i >= 0; i--) {
      const bytes = list[i]?.[name];
      if (bytes) return utf8Of(bytes);
    }
    return undefined;
  }
}

/**
 * Header values read one by one are short ASCII (ids, `traceparent`): char codes make the string
 * without the Buffer a JSON byte array would otherwise be copied into first.
 */
function utf8Of(bytes: readonly number[]): string {
  if (bytes.length <= 64) {
    let ascii = true;
    for (const byte of bytes) {
      // Signed (Java) bytes come negative: anything outside 0..127 takes the UTF-8 decoder.
      if (byte < 0 || byte > 0x7f) {
        ascii = false;
        break;
      }
    }
    if (ascii) return String.fromCharCode(...bytes);
  }
  return Buffer.from(bytes).toString('utf8');
}

function fromBase64(text: string | null | undefined): Buffer | null {
  return text === undefined || text === null ? null : Buffer.from(text, 'base64');
}

/*
 * Header bytes come as JSON number arrays. Copying them into one buffer per record and slicing
 * views out of it is several times faster than a Buffer.from per header, which shows at
 * thousands of records per batch. Writing into a Uint8Array keeps the low 8 bits, so Java-side
 * pollers that serialise signed bytes (-128..127) land on the same octets.
 */
function parseHeaders(list: MskWireRecord['headers']): RawHeader[] {
  if (!list || list.length === 0) return [];
  let total = 0;
  for (const entry of list) {
    for (const name in entry) total += entry[name]?.length ?? 0;
  }
  const bytes = Buffer.allocUnsafe(total);
  const headers: RawHeader[] = [];
  let at = 0;
  for (const entry of list) {
    for (const name in entry) {
      const values = entry[name];
      if (values === null || values === undefined) {
        headers.push([name, null]);
        continue;
      }
      for (let i = 0; i < values.length; i++) bytes[at + i] = values[i] as number;
      headers.push([name, bytes.subarray(at, at + values.length)]);
      at += values.length;
    }
  }
  return headers;
}
