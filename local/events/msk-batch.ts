import type { MSKEvent } from 'aws-lambda';
import type { KafkaMessage } from 'kafkajs';
import { v7 as uuidv7 } from 'uuid';
import { envelopeToHeaders } from '../../functions/lib/envelope/index.js';
import type { ManifestTopic } from '../../functions/lib/manifest/index.js';
import { type EncodeOptions, type Serde, valueEncodeOptions } from '../../functions/lib/serde/index.js';
import { localClusterArn } from '../stack/config.js';
import { toMskEvent } from '../triggers/index.js';
import { EventsError } from './errors.js';
import { assignPositions } from './positions.js';

/** One record of a generated batch: its payload and aggregate id (the Kafka key). */
export interface BatchRecord {
  readonly payload: unknown;
  readonly key: string;
}

export interface MskBatchOptions {
  readonly topic: ManifestTopic;
  readonly bootstrapServers: string;
  /** Every record on this partition. @default the partition the relay's producer picks for each key */
  readonly partition?: number;
  /** Offset of the first record on each partition. @default 0 */
  readonly startOffset?: number;
  /** The envelope's `source` header. @default 'eventline-cli' */
  readonly source?: string;
  /** Timestamp of the first record; each next one is a millisecond later. @default now */
  readonly now?: Date;
}

/**
 * One MSK event holding every record, each encoded by the serde (so by the real registry) with
 * envelope headers, at the partition and offset it would have on a topic the relay wrote.
 */
export async function generateMskBatch(
  records: readonly BatchRecord[],
  serde: Serde,
  options: MskBatchOptions,
): Promise<MSKEvent> {
  const { topic } = options;
  const positions = assignPositions(
    records.map((r) => r.key),
    { partitions: topic.partitions, partition: options.partition, startOffset: options.startOffset },
  );
  const start = (options.now ?? new Date()).getTime();
  const encode = valueEncodeOptions(topic);
  const sourceRecords = await Promise.all(
    records.map(async (record, i) => {
      const at = new Date(start + i);
      const position = positions[i] as (typeof positions)[number];
      const message = {
        key: Buffer.from(record.key),
        value: await encodeRecord(serde, record, i, encode),
        offset: String(position.offset),
        timestamp: String(at.getTime()),
        attributes: 0,
        headers: envelopeToHeaders({
          eventId: uuidv7(),
          eventType: topic.eventType,
          aggregateType: topic.aggregateType,
          aggregateId: record.key,
          occurredAt: at.toISOString(),
          source: options.source ?? 'eventline-cli',
        }),
      } as KafkaMessage;
      return { topic: topic.name, partition: position.partition, message };
    }),
  );
  return toMskEvent(
    {
      eventSourceArn: localClusterArn,
      bootstrapServers: options.bootstrapServers,
    },
    sourceRecords,
  );
}

/** Encodes one record, naming it in the error: in a batch of many, the serde's message alone does not say which. */
async function encodeRecord(
  serde: Serde,
  record: BatchRecord,
  i: number,
  options: EncodeOptions,
): Promise<Buffer> {
  try {
    return await serde.encode(record.payload, options);
  } catch (error) {
    const retryable = (error as { retryable?: unknown }).retryable === true;
    throw new EventsError(
      `record ${i + 1} (key ${record.key}) does not encode: ${(error as Error).message}`,
      {
        cause: error,
        retryable,
      },
    );
  }
}
