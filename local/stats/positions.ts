import type { Admin } from 'kafkajs';
import type { PartitionPosition } from './lag-figures.js';

/**
 * Groups the CLI's own read-only tools create and delete again (`consume`, `trace`, `dlq`, `stats`):
 * they never consume for real, so their lag means nothing.
 */
const throwawayGroup = /^eventline-(read|trace|dlq|stats)-[0-9a-f-]{36}$/;

export interface PositionsOptions {
  /**
   * Only the Kafka groups of this consumer group: itself, and the `<group>.<topic>` ids the event
   * source mappings give each topic. @default every group Kafka knows but the CLI's throwaway ones
   */
  readonly consumerGroup?: string;
  /** Only topics whose name starts with this. @default every topic */
  readonly topicPrefix?: string;
}

/**
 * Each group's committed offset on every partition it has committed on, next to the partition's
 * end. A partition the group reads but has committed nothing on is left out: Kafka has no
 * position for it, as the dashboard has no OffsetLag for it.
 */
export async function groupPositions(
  admin: Admin,
  options: PositionsOptions = {},
): Promise<PartitionPosition[]> {
  const wanted = options.consumerGroup;
  const groups = (await admin.listGroups()).groups
    .map((g) => g.groupId)
    .filter((id) =>
      wanted === undefined ? !throwawayGroup.test(id) : id === wanted || id.startsWith(`${wanted}.`),
    );
  const prefix = options.topicPrefix ?? '';
  const ends = new Map<string, Promise<Map<number, number>>>();
  const endsOf = (topic: string) => {
    let topicEnds = ends.get(topic);
    if (!topicEnds) {
      topicEnds = admin
        .fetchTopicOffsets(topic)
        .then((offsets) => new Map(offsets.map((o) => [o.partition, Number(o.high)])));
      ends.set(topic, topicEnds);
    }
    return topicEnds;
  };
  const positions: PartitionPosition[] = [];
  for (const group of [...groups].sort()) {
    for (const { topic, partitions } of await admin.fetchOffsets({ groupId: group })) {
      if (!topic.startsWith(prefix)) continue;
      const topicEnds = await endsOf(topic);
      for (const p of partitions) {
        const committed = Number(p.offset);
        if (committed < 0) continue;
        positions.push({
          group,
          topic,
          partition: p.partition,
          committed,
          end: topicEnds.get(p.partition) ?? 0,
        });
      }
    }
  }
  return positions;
}
