import type { Admin, IHeaders, Kafka } from 'kafkajs';
import { EnvelopeHeaders } from '../../functions/lib/envelope/index.js';
import { readRecords, type TopicPartitionRange, wholeTopicRanges } from '../kafka/read-records.js';
import type { RecordPosition, RecordWindow, TraceLookups } from './types.js';

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
 * `since`, epoch milliseconds) to their current end (or to the window's `until`), keeping the
 * records `keep` accepts; a topic with known positions is read at those offsets only. `since`
 * and `until` are what keep a deployed topic's week of retention from being read for one event.
 */
export async function scanTopics(
  kafka: Kafka,
  topics: readonly string[],
  keep: (headers: Readonly<Record<string, string>>) => boolean,
  since?: number,
  window: RecordWindow = {},
): Promise<FoundRecord[]> {
  const admin = kafka.admin();
  await admin.connect();
  let ranges: TopicPartitionRange[];
  try {
    const existing = new Set(await admin.listTopics());
    const present = topics.filter((t) => existing.has(t));
    const positions = (window.positions ?? []).filter((p) => existing.has(p.topic));
    const placed = new Set(positions.map((p) => p.topic));
    ranges = [
      ...(await positionRanges(admin, positions)),
      ...(await wholeTopicRanges(
        admin,
        present.filter((t) => !placed.has(t)),
        since,
        window.until,
      )),
    ];
  } finally {
    await admin.disconnect();
  }
  const found: FoundRecord[] = [];
  await readRecords(
    kafka,
    ranges,
    ({ topic, partition, message }) => {
      const headers = utf8Headers(message.headers);
      if (keep(headers)) {
        found.push({
          topic,
          partition,
          offset: Number(message.offset),
          timestamp: Number(message.timestamp),
          headers,
        });
      }
    },
    { groupPrefix: 'eventline-trace' },
  );
  return found;
}

/**
 * One range per partition from the first known offset to the last, within what the partition
 * still holds (an offset retention removed, or a position of another cluster, is not waited for).
 */
async function positionRanges(
  admin: Admin,
  positions: readonly RecordPosition[],
): Promise<TopicPartitionRange[]> {
  const ranges: TopicPartitionRange[] = [];
  for (const topic of new Set(positions.map((p) => p.topic))) {
    for (const p of await admin.fetchTopicOffsets(topic)) {
      const offsets = positions
        .filter((known) => known.topic === topic && known.partition === p.partition)
        .map((known) => known.offset)
        .filter((offset) => offset >= Number(p.low) && offset < Number(p.high));
      if (offsets.length === 0) continue;
      const start = Math.min(...offsets);
      ranges.push({ topic, partition: p.partition, start, end: Math.max(...offsets) + 1 });
    }
  }
  return ranges;
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
  return (topics, eventIds, since, window) =>
    scanTopics(
      kafka,
      topics,
      (headers) => {
        const id = headers[EnvelopeHeaders.eventId];
        return id !== undefined && eventIds.has(id);
      },
      since,
      window,
    );
}
