import { Partitioners, type PartitionMetadata } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { assignPositions, EventsError } from '../../../local/events/index.js';

const metadata = (n: number): PartitionMetadata[] =>
  Array.from({ length: n }, (_, i) => ({
    partitionId: i,
    leader: 0,
    replicas: [0],
    isr: [0],
    partitionErrorCode: 0,
  }));

describe('assignPositions', () => {
  it("puts each key on the partition kafkajs' Java-compatible partitioner picks", () => {
    const keys = Array.from({ length: 40 }, (_, i) => `order-${i}`);
    // kafkajs' own murmur2 (Long arithmetic), independent of the relay's murmurhash-based one.
    const javaCompatible = Partitioners.DefaultPartitioner();

    const positions = assignPositions(keys, { partitions: 6 });

    const expected = keys.map((key) =>
      javaCompatible({ topic: 't', partitionMetadata: metadata(6), message: { key, value: null } }),
    );
    expect(positions.map((p) => p.partition)).toEqual(expected);
    expect(new Set(expected).size).toBeGreaterThan(1);
  });

  it('counts offsets up per partition from the start offset', () => {
    const keys = ['a', 'b', 'a', 'c', 'b', 'a'];

    const positions = assignPositions(keys, { partitions: 3, startOffset: 100 });

    const seen = new Map<number, number[]>();
    for (const p of positions) seen.set(p.partition, [...(seen.get(p.partition) ?? []), p.offset]);
    for (const offsets of seen.values()) {
      expect(offsets).toEqual(offsets.map((_, i) => 100 + i));
    }
    // One key always lands on one partition, at increasing offsets.
    const ofA = positions.filter((_, i) => keys[i] === 'a');
    expect(new Set(ofA.map((p) => p.partition)).size).toBe(1);
    expect(ofA.map((p) => p.offset)).toEqual([...ofA.map((p) => p.offset)].sort((x, y) => x - y));
  });

  it('puts every record on a fixed partition at consecutive offsets', () => {
    expect(assignPositions(['x', 'y', 'z'], { partitions: 6, partition: 4, startOffset: 7 })).toEqual([
      { partition: 4, offset: 7 },
      { partition: 4, offset: 8 },
      { partition: 4, offset: 9 },
    ]);
  });

  it('refuses a partition the topic does not have and a negative offset', () => {
    expect(() => assignPositions(['x'], { partitions: 6, partition: 6 })).toThrow(
      new EventsError('partition 6 does not exist: the topic has partitions 0..5'),
    );
    expect(() => assignPositions(['x'], { partitions: 6, startOffset: -1 })).toThrow(EventsError);
  });
});
