import type { Kafka } from 'kafkajs';
import { readRecords } from '../kafka/read-records.js';
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
 * The timestamps of the records at these positions, by `positionKey`, read from the lowest wanted
 * offset of each partition until every position is found or the timeout. A position whose record
 * is gone (retention, compaction, a transaction marker) takes the next record's timestamp: that one
 * is then the oldest not yet consumed.
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
  const ranges = [...wanted.values()].map((entry) => ({
    topic: entry.topic,
    partition: entry.partition,
    start: entry.offsets[0] as number,
    end: (entry.offsets.at(-1) as number) + 1,
  }));
  // The read follows past `end`: the record at a wanted offset may be gone, and the next one stands in.
  const allFound = new AbortController();
  await readRecords(
    kafka,
    ranges,
    ({ topic, partition, message }) => {
      const entry = wanted.get(`${topic}/${partition}`);
      if (!entry) return;
      const offset = Number(message.offset);
      while (entry.offsets.length > 0 && (entry.offsets[0] as number) <= offset) {
        found.set(positionKey(topic, partition, entry.offsets.shift() as number), Number(message.timestamp));
      }
      if (entry.offsets.length === 0) wanted.delete(`${topic}/${partition}`);
      if (wanted.size === 0) allFound.abort();
    },
    {
      follow: true,
      signal: AbortSignal.any([allFound.signal, AbortSignal.timeout(options.timeoutMs ?? 10_000)]),
      groupPrefix: 'eventline-stats',
    },
  );
  return found;
}
