/**
 * Bytes a v2 record batch adds around its records: the 12-byte log overhead (offset, length)
 * plus the 49-byte batch header. The broker compares this whole batch with max.message.bytes.
 */
export const RECORD_BATCH_OVERHEAD = 61;

/** A record ready to produce, with its estimated size in a record batch (see relay.ts). */
export interface SizedRecord {
  readonly topic: string;
  readonly size: number;
}

/**
 * Cuts records, in stream order, into as few consecutive chunks as possible so that no topic's
 * records in one chunk add up to more than `maxMessageBytes` minus the batch overhead.
 *
 * Kafka applies max.message.bytes to one partition's record batch, and kafkajs puts all of a
 * request's records for a partition into one batch. Bounding the sum per topic bounds every
 * partition's batch without knowing where kafkajs' partitioner sends each key; grouping by
 * partition would need the topic's partition count from metadata and a copy of the
 * partitioner's murmur2, and would only save requests in batches far above the limit anyway.
 * A record that exceeds the budget on its own gets a chunk of its own.
 */
export function chunkBySize<T extends SizedRecord>(records: readonly T[], maxMessageBytes: number): T[][] {
  const budget = maxMessageBytes - RECORD_BATCH_OVERHEAD;
  const chunks: T[][] = [];
  let current: T[] = [];
  let bytesPerTopic = new Map<string, number>();
  for (const record of records) {
    const bytes = (bytesPerTopic.get(record.topic) ?? 0) + record.size;
    if (current.length > 0 && bytes > budget) {
      chunks.push(current);
      current = [];
      bytesPerTopic = new Map();
    }
    current.push(record);
    bytesPerTopic.set(record.topic, (bytesPerTopic.get(record.topic) ?? 0) + record.size);
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}
