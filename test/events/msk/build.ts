import type {
  MskSchemaMetadata,
  MskTriggerEvent,
  MskWireRecord,
} from '../../../functions/lib/consumer/index.js';

/** A record as kafkajs hands it to a consumer (or as a test makes one up). */
export interface SourceRecord {
  readonly topic: string;
  readonly partition: number;
  readonly offset: number | string;
  readonly timestamp: number | string;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  /** kafkajs' header object (a repeated header is an array), or name/value pairs in wire order. */
  readonly headers?:
    | Readonly<Record<string, Buffer | string | (Buffer | string)[] | undefined>>
    | [string, Buffer][];
  readonly keySchemaMetadata?: MskSchemaMetadata;
  readonly valueSchemaMetadata?: MskSchemaMetadata;
}

export interface BuildOptions {
  /** @default 'aws:kafka' */
  readonly eventSource?: MskTriggerEvent['eventSource'];
  /** @default 'arn:aws:kafka:us-east-1:123456789012:cluster/eventline/abcd1234-ab12-cd34-ef56-abcdef123456-1' */
  readonly eventSourceArn?: string;
  /** @default '127.0.0.1:9092' */
  readonly bootstrapServers?: string;
}

/**
 * The exact JSON Lambda delivers for these records: grouped under `<topic>-<partition>`, key and
 * value base64 (absent key stays absent), headers as `{ name: [bytes] }` objects.
 */
export function buildMskEvent(records: readonly SourceRecord[], options: BuildOptions = {}): MskTriggerEvent {
  const eventSource = options.eventSource ?? 'aws:kafka';
  const grouped: Record<string, MskWireRecord[]> = {};
  for (const record of records) {
    const wire: MskWireRecord = {
      topic: record.topic,
      partition: record.partition,
      offset: Number(record.offset),
      timestamp: Number(record.timestamp),
      timestampType: 'CREATE_TIME',
      ...(record.key !== null ? { key: record.key.toString('base64') } : {}),
      value: record.value === null ? null : record.value.toString('base64'),
      headers: wireHeaders(record.headers),
      ...(record.keySchemaMetadata ? { keySchemaMetadata: record.keySchemaMetadata } : {}),
      ...(record.valueSchemaMetadata ? { valueSchemaMetadata: record.valueSchemaMetadata } : {}),
    };
    const key = `${record.topic}-${record.partition}`;
    const list = grouped[key] ?? [];
    list.push(wire);
    grouped[key] = list;
  }
  const base = {
    bootstrapServers: options.bootstrapServers ?? '127.0.0.1:9092',
    records: grouped,
  };
  if (eventSource === 'SelfManagedKafka') return { eventSource, ...base };
  return {
    eventSource,
    eventSourceArn:
      options.eventSourceArn ??
      'arn:aws:kafka:us-east-1:123456789012:cluster/eventline/abcd1234-ab12-cd34-ef56-abcdef123456-1',
    ...base,
  };
}

function wireHeaders(headers: SourceRecord['headers']): Record<string, number[]>[] {
  if (headers === undefined) return [];
  const pairs: [string, Buffer | string][] = Array.isArray(headers)
    ? headers
    : Object.entries(headers).flatMap(([name, value]) =>
        value === undefined
          ? []
          : (Array.isArray(value) ? value : [value]).map((v) => [name, v] as [string, Buffer | string]),
      );
  return pairs.map(([name, value]) => ({ [name]: [...Buffer.from(value)] }));
}
