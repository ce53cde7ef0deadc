import { randomUUID } from 'node:crypto';
import type { Admin, Kafka, KafkaMessage } from 'kafkajs';

/** One partition's range to read: from `start` up to, not including, `end`. */
export interface TopicPartitionRange {
  readonly topic: string;
  readonly partition: number;
  readonly start: number;
  /** The end seen when the read was planned; a following read goes past it. */
  readonly end: number;
}

/** A record as the reader hands it over. */
export interface ReadRecord {
  readonly topic: string;
  readonly partition: number;
  readonly message: KafkaMessage;
}

export interface ReadRecordsOptions {
  /** Keep reading past each range's end until `max`, the idle timeout or `signal`. @default false */
  readonly follow?: boolean;
  /** Stop after this many records. @default unbounded */
  readonly max?: number;
  /** Stop when no record arrived for this long. @default never */
  readonly idleTimeoutMs?: number;
  /** Called when the idle timeout ends the read (the caller says so on stderr). */
  readonly onIdle?: () => void;
  /** Ends the read, as a normal finish, when aborted: a deadline, or the caller has what it wanted. */
  readonly signal?: AbortSignal;
  /** Start of the throwaway group's id, so a group seen while the read runs names its tool. @default 'eventline-read' */
  readonly groupPrefix?: string;
}

/**
 * The ranges that read whole topics, from their first kept record (or the first stamped at or after
 * `since`, epoch ms) to their end at the time of the call (or the first record stamped at or after
 * `until`); empty partitions are left out.
 */
export async function wholeTopicRanges(
  admin: Admin,
  topics: readonly string[],
  since?: number,
  until?: number,
): Promise<TopicPartitionRange[]> {
  const ranges: TopicPartitionRange[] = [];
  for (const topic of new Set(topics)) {
    const from = await offsetsAt(admin, topic, since);
    const to = await offsetsAt(admin, topic, until);
    for (const p of await admin.fetchTopicOffsets(topic)) {
      const start = Math.max(Number(p.low), from.get(p.partition) ?? Number(p.low));
      const end = Math.min(Number(p.high), to.get(p.partition) ?? Number(p.high));
      if (end > start) ranges.push({ topic, partition: p.partition, start, end });
    }
  }
  return ranges;
}

/** Per partition, the offset of the first record stamped at or after `time` (the end when none is). */
async function offsetsAt(
  admin: Admin,
  topic: string,
  time: number | undefined,
): Promise<Map<number, number>> {
  const offsets = new Map<number, number>();
  if (time === undefined) return offsets;
  for (const p of await admin.fetchTopicOffsetsByTimestamp(topic, time)) {
    offsets.set(p.partition, Number(p.offset));
  }
  return offsets;
}

/**
 * Reads partition ranges of one or more topics with a consumer of a throwaway group that never
 * commits and is deleted afterwards. kafkajs has no group-less assign(); this group leaves no
 * offsets behind that lag reports or `groups list` would show, joining it does not disturb any real
 * group, and one group serves every topic (a join costs seconds, reading a local topic far less).
 * Records reach `onRecord` in order per partition; the promise settles when every range is read
 * (or `max`, the idle timeout or `signal`), and rejects when the consumer crashes for good.
 */
export async function readRecords(
  kafka: Kafka,
  ranges: readonly TopicPartitionRange[],
  onRecord: (record: ReadRecord) => Promise<void> | void,
  options: ReadRecordsOptions = {},
): Promise<void> {
  const { follow = false, max, idleTimeoutMs, onIdle, signal } = options;
  const at = (topic: string, partition: number) => `${topic}/${partition}`;
  const pending = new Map(
    ranges.filter((r) => follow || r.start < r.end).map((r) => [at(r.topic, r.partition), r]),
  );
  if (pending.size === 0 || signal?.aborted) return;
  const groupId = `${options.groupPrefix ?? 'eventline-read'}-${randomUUID()}`;
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100 });
  await consumer.connect();
  let delivered = 0;
  try {
    await consumer.subscribe({ topics: [...new Set(ranges.map((r) => r.topic))], fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      let idle: NodeJS.Timeout | undefined;
      const finish = () => {
        clearTimeout(idle);
        signal?.removeEventListener('abort', finish);
        resolve();
      };
      const fail = (error: unknown) => {
        clearTimeout(idle);
        signal?.removeEventListener('abort', finish);
        reject(error);
      };
      const armIdle = () => {
        if (idleTimeoutMs === undefined) return;
        clearTimeout(idle);
        idle = setTimeout(() => {
          onIdle?.();
          finish();
        }, idleTimeoutMs);
      };
      signal?.addEventListener('abort', finish, { once: true });
      consumer.on(consumer.events.CRASH, ({ payload }) => {
        if (!payload.restart) fail(payload.error);
      });
      armIdle();
      consumer
        .run({
          autoCommit: false,
          eachMessage: async ({ topic, partition, message }) => {
            const key = at(topic, partition);
            const range = pending.get(key);
            const offset = Number(message.offset);
            if (range === undefined || offset < range.start) return;
            if (!follow && offset >= range.end) return;
            if ((max !== undefined && delivered >= max) || signal?.aborted) return;
            armIdle();
            await onRecord({ topic, partition, message });
            delivered += 1;
            if (!follow && offset === range.end - 1) pending.delete(key);
            if ((max !== undefined && delivered >= max) || pending.size === 0) finish();
          },
        })
        .catch(fail);
      // run() has created the group by now; kafkajs keeps these seeks until partitions are assigned.
      for (const range of pending.values()) {
        consumer.seek({ topic: range.topic, partition: range.partition, offset: String(range.start) });
      }
    });
  } finally {
    await consumer.disconnect();
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteGroups([groupId]).catch(() => undefined);
    await admin.disconnect();
  }
}
