import type { PartitionMetadata } from 'kafkajs';
import { keyHashPartitioner } from '../../functions/lib/kafka/index.js';
import { EventsError } from './errors.js';

/** Where generated records sit in their topic. */
export interface PositionOptions {
  /** Partitions of the topic (the manifest's count). */
  readonly partitions: number;
  /** Every record on this partition. @default the partition the relay's producer picks for the key */
  readonly partition?: number;
  /** Offset of the first record on each partition; later records on it follow one by one. @default 0 */
  readonly startOffset?: number;
}

export interface RecordPosition {
  readonly partition: number;
  readonly offset: number;
}

/**
 * Partition and offset for each key in order, as a topic written by the relay would hold them:
 * the relay's key-hash partitioner (murmur2, as the Java client) unless a partition is fixed,
 * and offsets counting up per partition so every position names one record.
 */
export function assignPositions(keys: readonly string[], options: PositionOptions): RecordPosition[] {
  const { partitions, partition, startOffset = 0 } = options;
  if (!Number.isInteger(partitions) || partitions < 1) {
    throw new EventsError(`a topic needs at least one partition, not ${partitions}`);
  }
  if (partition !== undefined && (!Number.isInteger(partition) || partition < 0 || partition >= partitions)) {
    throw new EventsError(
      `partition ${partition} does not exist: the topic has partitions 0..${partitions - 1}`,
    );
  }
  if (!Number.isSafeInteger(startOffset) || startOffset < 0) {
    throw new EventsError(`the start offset must be a non-negative integer, not ${startOffset}`);
  }
  const pick = partition === undefined ? relayPartition(partitions) : () => partition;
  const next = new Map<number, number>();
  return keys.map((key) => {
    const p = pick(key);
    const offset = next.get(p) ?? startOffset;
    next.set(p, offset + 1);
    return { partition: p, offset };
  });
}

/** The relay producer's own partitioner, fed the partition list a broker would report. */
function relayPartition(partitions: number): (key: string) => number {
  const partitionMetadata: PartitionMetadata[] = Array.from({ length: partitions }, (_, i) => ({
    partitionId: i,
    leader: 0,
    replicas: [0],
    isr: [0],
    partitionErrorCode: 0,
  }));
  const partitioner = keyHashPartitioner();
  return (key) =>
    partitioner({ topic: '', partitionMetadata, message: { key: Buffer.from(key), value: null } });
}
