import { randomUUID } from 'node:crypto';
import type { Kafka } from 'kafkajs';
import type { ConsumedDlqRecord } from '../../functions/lib/dlq/index.js';

/**
 * Reads DLQ topics from their start to their end at the time of the call, all with one consumer
 * of a throwaway group that is deleted afterwards (one group join however many topics there are).
 * Records come back sorted by topic, partition and offset.
 */
export async function readDlqTopics(kafka: Kafka, topics: readonly string[]): Promise<ConsumedDlqRecord[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const remaining = new Map<string, number>();
    for (const topic of topics) {
      for (const p of await admin.fetchTopicOffsets(topic)) {
        if (Number(p.high) > Number(p.low)) remaining.set(`${topic}:${p.partition}`, Number(p.high) - 1);
      }
    }
    if (remaining.size === 0) return [];
    const groupId = `eventline-dlq-${randomUUID()}`;
    const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100 });
    const records: ConsumedDlqRecord[] = [];
    await consumer.connect();
    try {
      await consumer.subscribe({ topics: [...new Set(topics)], fromBeginning: true });
      await new Promise<void>((resolve, reject) => {
        consumer
          .run({
            autoCommit: false,
            eachMessage: async ({ topic, partition, message }) => {
              const at = `${topic}:${partition}`;
              const last = remaining.get(at);
              if (last === undefined || Number(message.offset) > last) return;
              records.push({
                dlqTopic: topic,
                partition,
                offset: message.offset,
                key: message.key,
                value: message.value,
                headers: message.headers ?? {},
              });
              if (Number(message.offset) === last) remaining.delete(at);
              if (remaining.size === 0) resolve();
            },
          })
          .catch(reject);
      });
    } finally {
      await consumer.disconnect();
      await admin.deleteGroups([groupId]).catch(() => undefined);
    }
    return records.sort(
      (a, b) =>
        a.dlqTopic.localeCompare(b.dlqTopic) ||
        a.partition - b.partition ||
        Number(a.offset) - Number(b.offset),
    );
  } finally {
    await admin.disconnect();
  }
}
