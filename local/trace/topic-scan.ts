import { randomUUID } from 'node:crypto';
import type { IHeaders, Kafka } from 'kafkajs';
import { EnvelopeHeaders } from '../../functions/lib/envelope/index.js';
import type { TraceLookups } from './types.js';

/** A Kafka record found by a scan, headers as UTF-8. */
export interface FoundRecord {
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
  /** Epoch milliseconds the broker (or producer) stamped. */
  readonly timestamp: number;
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * Reads the topics that exist from their start (or from the first record stamped at or after
 * `since`, epoch milliseconds) to their current end with a throwaway group (deleted afterwards),
 * keeping the records `keep` accepts. One group for all topics: joining one costs seconds,
 * reading a local topic far less. `since` is what keeps a deployed topic's week of retention
 * from being read for one event: the group's start offsets are committed before it joins.
 */
export async function scanTopics(
  kafka: Kafka,
  topics: readonly string[],
  keep: (headers: Readonly<Record<string, string>>) => boolean,
  since?: number,
): Promise<FoundRecord[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const remaining = new Map<string, number>();
    const starts = new Map<string, { partition: number; offset: string }[]>();
    for (const topic of topics.filter((t) => existing.has(t))) {
      const from = new Map<number, number>();
      if (since !== undefined) {
        for (const p of await admin.fetchTopicOffsetsByTimestamp(topic, since)) {
          from.set(p.partition, Number(p.offset));
        }
      }
      const start: { partition: number; offset: string }[] = [];
      for (const p of await admin.fetchTopicOffsets(topic)) {
        const first = Math.max(Number(p.low), from.get(p.partition) ?? Number(p.low));
        if (Number(p.high) <= first) continue;
        remaining.set(`${topic}/${p.partition}`, Number(p.high) - 1);
        start.push({ partition: p.partition, offset: String(first) });
      }
      starts.set(topic, start);
    }
    if (remaining.size === 0) return [];
    const groupId = `eventline-trace-${randomUUID()}`;
    for (const [topic, partitions] of starts) {
      if (partitions.length > 0) await admin.setOffsets({ groupId, topic, partitions });
    }
    const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100 });
    const found: FoundRecord[] = [];
    await consumer.connect();
    try {
      await consumer.subscribe({
        topics: [...new Set(topics.filter((t) => existing.has(t)))],
        fromBeginning: true,
      });
      await new Promise<void>((resolve, reject) => {
        consumer
          .run({
            autoCommit: false,
            eachMessage: async ({ topic, partition, message }) => {
              const position = `${topic}/${partition}`;
              const last = remaining.get(position);
              const offset = Number(message.offset);
              if (last === undefined || offset > last) return;
              const headers = utf8Headers(message.headers);
              if (keep(headers)) {
                found.push({ topic, partition, offset, timestamp: Number(message.timestamp), headers });
              }
              if (offset === last) remaining.delete(position);
              if (remaining.size === 0) resolve();
            },
          })
          .catch(reject);
      });
    } finally {
      await consumer.disconnect();
      await admin.deleteGroups([groupId]).catch(() => undefined);
    }
    return found;
  } finally {
    await admin.disconnect();
  }
}

function utf8Headers(headers: IHeaders | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    // A repeated header keeps its last value, as the consumer's envelope does.
    const last = Array.isArray(value) ? value[value.length - 1] : value;
    if (last !== undefined) out[name] = last.toString();
  }
  return out;
}

/** The journey's record lookup over these brokers: the records whose `event-id` header is one of the ids. */
export function eventRecords(kafka: Kafka): TraceLookups['records'] {
  return (topics, eventIds, since) =>
    scanTopics(
      kafka,
      topics,
      (headers) => {
        const id = headers[EnvelopeHeaders.eventId];
        return id !== undefined && eventIds.has(id);
      },
      since,
    );
}
