import type { Kafka } from 'kafkajs';
import { isDlqTopic } from '../../functions/lib/dlq/index.js';
import { type DlqTopicOverview, dlqOverview } from '../dlq/overview.js';
import { readDlqTopics } from '../dlq/read-topics.js';
import { type GroupTopicLag, lagFigures, positionKey } from './lag-figures.js';
import { groupPositions } from './positions.js';
import { recordTimestamps } from './record-timestamps.js';

/** What `eventline stats` reports: the figures of the CDK dashboard, from the cluster itself. */
export interface StatsReport {
  /** ISO-8601 time the figures were taken. */
  readonly at: string;
  readonly lag: readonly GroupTopicLag[];
  /** Per DLQ topic: records per consumer group and reason. */
  readonly dlq: readonly DlqTopicOverview[];
}

export interface CollectStatsOptions {
  /**
   * Only this consumer group: the lag of its Kafka groups (itself and `<group>.<topic>`) and the
   * DLQ records its `dlq-consumer-group` header names. @default every group
   */
  readonly group?: string;
  /** Only topics (and DLQ topics) whose name starts with this. @default every topic */
  readonly topicPrefix?: string;
  /** @default Date.now */
  readonly now?: () => number;
}

/** Lag per group and topic in records and in time, and DLQ records per topic, group and reason. */
export async function collectStats(kafka: Kafka, options: CollectStatsOptions = {}): Promise<StatsReport> {
  const admin = kafka.admin();
  await admin.connect();
  let positions: Awaited<ReturnType<typeof groupPositions>>;
  let dlqTopics: string[];
  try {
    positions = await groupPositions(admin, {
      ...(options.group ? { consumerGroup: options.group } : {}),
      ...(options.topicPrefix ? { topicPrefix: options.topicPrefix } : {}),
    });
    const prefix = options.topicPrefix ?? '';
    dlqTopics = (await admin.listTopics()).filter((t) => isDlqTopic(t) && t.startsWith(prefix)).sort();
  } finally {
    await admin.disconnect();
  }
  const behind = positions.filter((p) => p.end > p.committed);
  const [timestamps, dlqRecords] = await Promise.all([
    recordTimestamps(
      kafka,
      behind.map((p) => ({ topic: p.topic, partition: p.partition, offset: p.committed })),
    ),
    readDlqTopics(kafka, dlqTopics),
  ]);
  const now = (options.now ?? Date.now)();
  return {
    at: new Date(now).toISOString(),
    lag: lagFigures(
      positions,
      (topic, partition, offset) => timestamps.get(positionKey(topic, partition, offset)),
      now,
    ),
    dlq: dlqOverview(dlqTopics, dlqRecords, options.group),
  };
}
