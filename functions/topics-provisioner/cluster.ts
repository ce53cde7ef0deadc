import { type Admin, ConfigResourceTypes } from 'kafkajs';
import type { TopicPlan, TopicSpec, TopicState } from './types.js';

/** Reads name, partition count, topic configs and whether it holds records, for the named topics that exist. */
export async function readTopics(admin: Admin, names: readonly string[]): Promise<TopicState[]> {
  const existing = new Set(await admin.listTopics());
  const present = names.filter((name) => existing.has(name));
  if (present.length === 0) return [];
  const { topics } = await admin.fetchTopicMetadata({ topics: present });
  const configs = await admin.describeConfigs({
    includeSynonyms: false,
    resources: present.map((name) => ({ type: ConfigResourceTypes.TOPIC, name })),
  });
  const configByTopic = new Map(
    configs.resources.map((resource) => [
      resource.resourceName,
      Object.fromEntries(resource.configEntries.map((entry) => [entry.configName, entry.configValue])),
    ]),
  );
  return Promise.all(
    topics.map(async (topic): Promise<TopicState> => {
      const offsets = await admin.fetchTopicOffsets(topic.name);
      return {
        name: topic.name,
        partitions: topic.partitions.length,
        config: configByTopic.get(topic.name) ?? {},
        hasRecords: offsets.some((partition) => BigInt(partition.high) > BigInt(partition.low)),
      };
    }),
  );
}

/** Applies a plan that has no refusals: creates, grows, reconfigures and removes topics. */
export async function applyPlan(admin: Admin, plan: TopicPlan): Promise<void> {
  if (plan.create.length > 0) {
    await admin.createTopics({
      waitForLeaders: true,
      topics: plan.create.map((spec: TopicSpec) => ({
        topic: spec.name,
        numPartitions: spec.partitions,
        replicationFactor: spec.replicationFactor,
        configEntries: Object.entries(spec.config).map(([name, value]) => ({ name, value })),
      })),
    });
  }
  if (plan.addPartitions.length > 0) {
    await admin.createPartitions({
      topicPartitions: plan.addPartitions.map(({ name, count }) => ({ topic: name, count })),
    });
  }
  if (plan.alterConfig.length > 0) {
    // alterConfigs replaces a topic's dynamic configs as a whole: the manifest is the full truth for its topics.
    await admin.alterConfigs({
      validateOnly: false,
      resources: plan.alterConfig.map(({ name, config }) => ({
        type: ConfigResourceTypes.TOPIC,
        name,
        configEntries: Object.entries(config).map(([configName, value]) => ({ name: configName, value })),
      })),
    });
  }
  if (plan.remove.length > 0) await admin.deleteTopics({ topics: [...plan.remove] });
}
