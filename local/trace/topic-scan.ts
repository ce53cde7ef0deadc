import type { IHeaders, Kafka } from 'kafkajs';
import { EnvelopeHeaders } from '../../functions/lib/envelope/index.js';
import { readRecords, type TopicPartitionRange, wholeTopicRanges } from '../kafka/read-records.js';
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
 * `since`, epoch milliseconds) to their current end, keeping the records `keep` accepts. `since` is
 * what keeps a deployed topic's week of retention from being read for one event.
 */
export async function scanTopics(
  kafka: Kafka,
  topics: readonly string[],
  keep: (headers: Readonly<Record<string, string>>) => boolean,
  since?: number,
): Promise<FoundRecord[]> {
  const admin = kafka.admin();
  await admin.connect();
  let ranges: TopicPartitionRange[];
  try {
    const existing = new Set(await admin.listTopics());
    ranges = await wholeTopicRanges(
      admin,
      topics.filter((t) => existing.has(t)),
      since,
    );
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
