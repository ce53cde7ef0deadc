import type { Admin } from 'kafkajs';
import type { RunningFunction } from './functions.js';
import type { PipelineStats } from './stats.js';

/** Each consumer's lag: records between its groups' committed offsets and the ends of their topics. */
export async function updateLag(
  admin: Admin,
  stats: PipelineStats,
  functions: readonly RunningFunction[],
): Promise<void> {
  const ends = new Map<string, number>();
  for (const fn of functions) {
    if (fn.groups.length === 0) continue;
    let lag = 0;
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
          const end = ends.get(`${t.topic}/${p.partition}`) ?? 0;
          const at = Number(p.offset);
          lag += at < 0 ? 0 : Math.max(0, end - at);
        }
      }
    }
    stats.lag.set(fn.fn.name, lag);
  }
}
