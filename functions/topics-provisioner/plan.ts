import type { TopicPlan, TopicSpec, TopicState } from './types.js';

/**
 * Compares the wanted topics with the cluster's and lists the changes. Kafka cannot take
 * partitions away and a deleted topic takes its records with it, so both are refused
 * instead of planned; removing a topic that never received a record is allowed.
 * `managed` names the only topics a removal may touch; `orphaned` names topics that left
 * the spec without a recorded deletion, each refused while it exists.
 */
export function planTopics(
  wanted: readonly TopicSpec[],
  existing: readonly TopicState[],
  managed: readonly string[],
  orphaned: readonly string[] = [],
): TopicPlan {
  const current = new Map(existing.map((topic) => [topic.name, topic]));
  const wantedNames = new Set(wanted.map((topic) => topic.name));
  const create: TopicSpec[] = [];
  const addPartitions: { name: string; count: number }[] = [];
  const alterConfig: { name: string; config: Record<string, string> }[] = [];
  const refusals: string[] = [];

  for (const spec of wanted) {
    const state = current.get(spec.name);
    if (!state) {
      create.push(spec);
      continue;
    }
    if (spec.partitions < state.partitions) {
      refusals.push(
        `${spec.name}: partitions cannot decrease from ${state.partitions} to ${spec.partitions} (Kafka cannot remove partitions; create a new topic instead)`,
      );
    } else if (spec.partitions > state.partitions) {
      addPartitions.push({ name: spec.name, count: spec.partitions });
    }
    const changed = Object.entries(spec.config).some(([key, value]) => state.config[key] !== value);
    if (changed) alterConfig.push({ name: spec.name, config: { ...spec.config } });
  }

  const remove: string[] = [];
  for (const name of managed) {
    if (wantedNames.has(name)) continue;
    const state = current.get(name);
    if (!state) continue;
    if (state.hasRecords) {
      refusals.push(
        `${name}: left the manifest but holds records; delete it by hand if that is really meant`,
      );
    } else {
      remove.push(name);
    }
  }
  for (const name of orphaned) {
    if (wantedNames.has(name) || !current.has(name)) continue;
    refusals.push(
      `${name}: left the manifest without a recorded deletion; put it back, or list it in retiredTopics of schemas/manifest.json to delete it while it holds no records`,
    );
  }
  return { create, addPartitions, alterConfig, remove, refusals };
}
