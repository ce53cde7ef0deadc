import { randomUUID } from 'node:crypto';
import type { Kafka, KafkaMessage } from 'kafkajs';
import type { PartitionRange } from './start-offsets.js';

export interface ReadRecordsOptions {
  /** Keep reading past each range's end until `max` or the idle timeout. @default false */
  readonly follow?: boolean;
  /** Stop after this many records. @default unbounded */
  readonly max?: number;
  /** Stop when no record arrived for this long. @default never */
  readonly idleTimeoutMs?: number;
  /** Called when the idle timeout ends the read (the caller says so on stderr). */
  readonly onIdle?: () => void;
}

/**
 * Reads the given partition ranges with a consumer of a throwaway group that never commits and is
 * deleted afterwards. kafkajs has no group-less assign(); this group leaves no offsets behind that
 * lag reports or `groups list` would show, and joining it does not disturb any real group.
 * Records reach `onRecord` in order per partition; the promise settles when every range is read
 * (or `max`, or the idle timeout), and rejects when the consumer crashes for good.
 */
export async function readRecords(
  kafka: Kafka,
  topic: string,
  ranges: readonly PartitionRange[],
  onRecord: (partition: number, message: KafkaMessage) => Promise<void> | void,
  options: ReadRecordsOptions = {},
): Promise<void> {
  const { follow = false, max, idleTimeoutMs, onIdle } = options;
  const pending = new Map(ranges.filter((r) => follow || r.start < r.end).map((r) => [r.partition, r]));
  if (pending.size === 0) return;
  const groupId = `eventline-read-${randomUUID()}`;
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100 });
  await consumer.connect();
  let delivered = 0;
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      let idle: NodeJS.Timeout | undefined;
      const finish = () => {
        clearTimeout(idle);
        resolve();
      };
      const armIdle = () => {
        if (idleTimeoutMs === undefined) return;
        clearTimeout(idle);
        idle = setTimeout(() => {
          onIdle?.();
          finish();
        }, idleTimeoutMs);
      };
      consumer.on(consumer.events.CRASH, ({ payload }) => {
        if (!payload.restart) {
          clearTimeout(idle);
          reject(payload.error);
        }
      });
      armIdle();
      consumer
        .run({
          autoCommit: false,
          eachMessage: async ({ partition, message }) => {
            const range = pending.get(partition);
            const offset = Number(message.offset);
            if (range === undefined || offset < range.start) return;
            if (!follow && offset >= range.end) return;
            if (max !== undefined && delivered >= max) return;
            armIdle();
            await onRecord(partition, message);
            delivered += 1;
            if (!follow && offset === range.end - 1) pending.delete(partition);
            if ((max !== undefined && delivered >= max) || pending.size === 0) finish();
          },
        })
        .catch(reject);
      // run() has created the group by now; kafkajs keeps these seeks until partitions are assigned.
      for (const range of pending.values()) {
        consumer.seek({ topic, partition: range.partition, offset: String(range.start) });
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
