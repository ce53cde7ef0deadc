import { randomUUID } from 'node:crypto';
import type { Kafka } from 'kafkajs';
import { positionKey } from './lag-figures.js';

/** A record to read the timestamp of. */
export interface RecordPosition {
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
}

export interface RecordTimestampsOptions {
  /** Give up on the positions not read by then; their timestamps stay unknown. @default 10000 */
  readonly timeoutMs?: number;
}

/**
 * The timestamps of the records at these positions, by `positionKey`, read with one consumer of a
 * throwaway group (kafkajs has no group-less assign) sought to the lowest wanted offset of each
 * partition. A position whose record is gone (retention, compaction, a transaction marker) takes
 * the next record's timestamp: that one is then the oldest not yet consumed.
 */
export async function recordTimestamps(
  kafka: Kafka,
  positions: readonly RecordPosition[],
  options: RecordTimestampsOptions = {},
): Promise<Map<string, number>> {
  const found = new Map<string, number>();
  const wanted = new Map<string, { topic: string; partition: number; offsets: number[] }>();
  for (const p of positions) {
    const at = `${p.topic}/${p.partition}`;
    const entry = wanted.get(at) ?? { topic: p.topic, partition: p.partition, offsets: [] };
    entry.offsets.push(p.offset);
    wanted.set(at, entry);
  }
  if (wanted.size === 0) return found;
  for (const entry of wanted.values()) entry.offsets = [...new Set(entry.offsets)].sort((a, b) => a - b);

  const groupId = `eventline-stats-${randomUUID()}`;
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100 });
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [...new Set(positions.map((p) => p.topic))], fromBeginning: false });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(resolve, options.timeoutMs ?? 10_000);
      consumer
        .run({
          autoCommit: false,
          eachMessage: async ({ topic, partition, message }) => {
            const entry = wanted.get(`${topic}/${partition}`);
            if (!entry) return;
            const offset = Number(message.offset);
            while (entry.offsets.length > 0 && (entry.offsets[0] as number) <= offset) {
              found.set(
                positionKey(topic, partition, entry.offsets.shift() as number),
                Number(message.timestamp),
              );
            }
            if (entry.offsets.length === 0) wanted.delete(`${topic}/${partition}`);
            if (wanted.size === 0) {
              clearTimeout(timer);
              resolve();
            }
          },
        })
        .catch((error: unknown) => {
          clearTimeout(timer);
          reject(error);
        });
      // run() has created the group by now; kafkajs keeps these seeks until partitions are assigned.
      for (const entry of wanted.values()) {
        consumer.seek({ topic: entry.topic, partition: entry.partition, offset: String(entry.offsets[0]) });
      }
    });
  } finally {
    await consumer.disconnect();
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteGroups([groupId]).catch(() => undefined);
    await admin.disconnect();
  }
  return found;
}
