import { randomBytes } from 'node:crypto';
import { type PartitionerArgs, Partitioners } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { keyHashPartitioner } from '../../../functions/lib/kafka/index.js';

function args(key: Buffer | string | null, partitions: number, partition?: number): PartitionerArgs {
  return {
    topic: 'orders.order.placed',
    partitionMetadata: Array.from({ length: partitions }, (_, partitionId) => ({
      partitionErrorCode: 0,
      partitionId,
      leader: 0,
      replicas: [0],
      isr: [0],
    })),
    message: { key, value: null, ...(partition === undefined ? {} : { partition }) },
  };
}

describe('keyHashPartitioner', () => {
  it("puts every key on the partition kafkajs' DefaultPartitioner (the Java client's) picks", () => {
    const ours = keyHashPartitioner();
    const kafkajs = Partitioners.DefaultPartitioner();
    const keys: (Buffer | string)[] = [
      ...Array.from({ length: 2000 }, (_, i) => randomBytes(i % 67)),
      'order-1',
      'commande-é-ü-✓',
      '注文-42',
      '',
    ];

    for (const partitions of [1, 3, 6, 7, 50]) {
      const differing = keys.filter((key) => ours(args(key, partitions)) !== kafkajs(args(key, partitions)));
      expect(differing).toEqual([]);
    }
  });

  // Vectors of the Java client's murmur2, from Kafka's UtilsTest#testMurmur2 (signed ints).
  it.each([
    ['21', -973932308],
    ['foobar', -790332482],
    ['a-little-bit-long-string', -985981536],
    ['a-little-bit-longer-string', -1486304829],
    ['lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8', -58897971],
    ['abc', 479470107],
  ])('sends %s where the Java client does', (key, javaHash) => {
    const partitions = 1000;

    expect(keyHashPartitioner()(args(Buffer.from(key), partitions))).toBe(
      (javaHash & 0x7fffffff) % partitions,
    );
  });

  it('keeps an explicit partition, and spreads keyless records over the available partitions', () => {
    const partition = keyHashPartitioner();

    expect(partition(args('order-1', 6, 4))).toBe(4);
    const keyless = new Set(Array.from({ length: 12 }, () => partition(args(null, 6))));
    expect(keyless).toEqual(new Set([0, 1, 2, 3, 4, 5]));
  });
});
