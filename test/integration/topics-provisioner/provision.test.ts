import type { Admin } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKafka } from '../../../functions/lib/kafka/index.js';
import { RefusedTopicChangeError } from '../../../functions/topics-provisioner/errors.js';
import { provisionTopics } from '../../../functions/topics-provisioner/provision.js';
import type { TopicSpec } from '../../../functions/topics-provisioner/types.js';
import { localEndpoints, uniqueName } from '../../support/local-aws.js';

const localKafka = () =>
  createKafka({ clientId: 'eventline-test-topics', brokers: localEndpoints.kafkaBrokers, auth: 'plaintext' });

const kafka = await localKafka();

describe('provisionTopics on a real broker', () => {
  let admin: Admin;
  const created: string[] = [];

  beforeAll(async () => {
    admin = kafka.admin();
    await admin.connect();
  });

  afterAll(async () => {
    const existing = new Set(await admin.listTopics());
    const leftovers = [...new Set(created)].filter((name) => existing.has(name));
    if (leftovers.length > 0) await admin.deleteTopics({ topics: leftovers });
    await admin.disconnect();
  });

  function topic(name: string, partitions: number, config: Record<string, string> = {}): TopicSpec {
    created.push(name);
    return { name, partitions, replicationFactor: 1, config };
  }

  it('creates topics with their partitions and configs, then grows partitions and updates configs', async () => {
    const name = uniqueName('it.topics.grow');

    await provisionTopics({ admin, wanted: [topic(name, 2, { 'retention.ms': '3600000' })] });
    await provisionTopics({
      admin,
      wanted: [topic(name, 4, { 'retention.ms': '7200000' })],
      managed: [name],
    });

    const [metadata] = (await admin.fetchTopicMetadata({ topics: [name] })).topics;
    const retention = async () => {
      const configs = await admin.describeConfigs({ includeSynonyms: false, resources: [{ type: 2, name }] });
      return configs.resources[0]?.configEntries.find((entry) => entry.configName === 'retention.ms')
        ?.configValue;
    };
    expect(metadata?.partitions).toHaveLength(4);
    // The broker applies dynamic topic configs through KRaft metadata, a moment after it answers.
    await expect.poll(retention, { timeout: 10_000 }).toBe('7200000');
  });

  it('refuses to shrink partitions and leaves the topic as it was', async () => {
    const name = uniqueName('it.topics.shrink');
    await provisionTopics({ admin, wanted: [topic(name, 3)] });

    const attempt = provisionTopics({ admin, wanted: [topic(name, 1)], managed: [name] });

    await expect(attempt).rejects.toThrow(RefusedTopicChangeError);
    await expect(attempt).rejects.toThrow(/partitions cannot decrease from 3 to 1/);
    const [metadata] = (await admin.fetchTopicMetadata({ topics: [name] })).topics;
    expect(metadata?.partitions).toHaveLength(3);
  });

  it('deletes a topic that left the manifest empty, but refuses one that holds records', async () => {
    const empty = uniqueName('it.topics.empty');
    const full = uniqueName('it.topics.full');
    await provisionTopics({ admin, wanted: [topic(empty, 1), topic(full, 1)] });
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: full, messages: [{ key: 'k', value: 'v' }] });
    await producer.disconnect();

    const refused = provisionTopics({ admin, wanted: [], managed: [empty, full] });
    await expect(refused).rejects.toThrow(new RegExp(`${full}: left the manifest but holds records`));
    await provisionTopics({ admin, wanted: [topic(full, 1)], managed: [empty, full] });

    const topics = await admin.listTopics();
    expect(topics).toContain(full);
    expect(topics).not.toContain(empty);
  });
});
