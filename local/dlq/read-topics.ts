import type { Kafka } from 'kafkajs';
import type { ConsumedDlqRecord } from '../../functions/lib/dlq/index.js';
import { readRecords, type TopicPartitionRange, wholeTopicRanges } from '../kafka/read-records.js';

/**
 * Reads DLQ topics from their start to their end at the time of the call, all with one reader.
 * Records come back sorted by topic, partition and offset.
 */
export async function readDlqTopics(kafka: Kafka, topics: readonly string[]): Promise<ConsumedDlqRecord[]> {
  const admin = kafka.admin();
  await admin.connect();
  let ranges: TopicPartitionRange[];
  try {
    ranges = await wholeTopicRanges(admin, topics);
  } finally {
    await admin.disconnect();
  }
  const records: ConsumedDlqRecord[] = [];
  await readRecords(
    kafka,
    ranges,
    ({ topic, partition, message }) => {
      records.push({
        dlqTopic: topic,
        partition,
        offset: message.offset,
        key: message.key,
        value: message.value,
        headers: message.headers ?? {},
      });
    },
    { groupPrefix: 'eventline-dlq' },
  );
  return records.sort(
    (a, b) =>
      a.dlqTopic.localeCompare(b.dlqTopic) ||
      a.partition - b.partition ||
      Number(a.offset) - Number(b.offset),
  );
}
