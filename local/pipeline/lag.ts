import type { Admin } from 'kafkajs';
import { lagFigures, type PartitionPosition } from '../stats/index.js';
import type { RunningFunction } from './functions.js';
import type { PipelineStats } from './stats.js';

/**
 * Each consumer's lag, as `eventline stats` reports it: records between its groups' committed
 * offsets and the ends of their topics, and the age of the oldest record not consumed yet (from
 * the timestamps the tap saw). Records every group has consumed are then forgotten.
 */
export async function updateLag(
  admin: Admin,
  stats: PipelineStats,
  functions: readonly RunningFunction[],
): Promise<void> {
  const ends = new Map<string, number>();
  const byFunction = new Map<string, PartitionPosition[]>();
  for (const fn of functions) {
    if (fn.groups.length === 0) continue;
    const positions: PartitionPosition[] = [];
    for (const group of fn.groups) {
      for (const topic of group.topics) {
        if (!ends.has(topic)) {
          for (const p of await admin.fetchTopicOffsets(topic))
            ends.set(`${topic}/${p.partition}`, Number(p.high));
          ends.set(topic, 0);
        }
      }
      const committed = await admin.fetchOffsets({ groupId: group.id, topics: [...group.topics] });
      for (const t of committed) {
        for (const p of t.partitions) {
          const at = Number(p.offset);
          // -1: nothing committed on the partition yet, so no position to be behind from.
          if (at < 0) continue;
          const end = ends.get(`${t.topic}/${p.partition}`) ?? 0;
          positions.push({ group: group.id, topic: t.topic, partition: p.partition, committed: at, end });
        }
      }
    }
    byFunction.set(fn.fn.name, positions);
  }
  const now = Date.now();
  const timestampAt = stats.clock.timestampAt.bind(stats.clock);
  const consumedByAll = new Map<string, PartitionPosition>();
  for (const [name, positions] of byFunction) {
    const figures = lagFigures(positions, timestampAt, now);
    stats.lag.set(
      name,
      figures.reduce((sum, f) => sum + f.records, 0),
    );
    stats.lagSeconds.set(
      name,
      figures.some((f) => f.seconds === null)
        ? null
        : Math.max(0, ...figures.map((f) => f.seconds as number)),
    );
    for (const p of positions) {
      const key = `${p.topic}/${p.partition}`;
      const lowest = consumedByAll.get(key);
      if (!lowest || p.committed < lowest.committed) consumedByAll.set(key, p);
    }
  }
  for (const p of consumedByAll.values()) stats.clock.forgetBefore(p.topic, p.partition, p.committed);
}
