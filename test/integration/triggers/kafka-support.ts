import type { MSKEvent } from 'aws-lambda';
import { type Admin, Kafka, logLevel, type Producer } from 'kafkajs';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { KafkaTrigger, type KafkaTriggerOptions } from '../../../local/triggers/index.js';
import { localEndpoints, uniqueName } from '../../support/local-aws.js';

/** The local broker, an admin and a producer for one test file, connected around its tests. */
export function kafkaFixture(clientId: string) {
  const kafka = new Kafka({ clientId, brokers: localEndpoints.kafkaBrokers, logLevel: logLevel.NOTHING });
  let admin: Admin;
  let producer: Producer;
  beforeAll(async () => {
    admin = kafka.admin();
    producer = kafka.producer();
    await Promise.all([admin.connect(), producer.connect()]);
  });
  afterAll(async () => {
    await Promise.all([admin.disconnect(), producer.disconnect()]);
  });

  return {
    kafka,
    /** A one-partition topic holding `count` records `v0…` under key `k` (plus empty extra topics). */
    async topicWith(count: number, ...extra: string[]): Promise<string> {
      const topic = uniqueName('trig');
      await admin.createTopics({
        waitForLeaders: true,
        topics: [topic, ...extra].map((t) => ({ topic: t, numPartitions: 1 })),
      });
      await producer.send({
        topic,
        messages: Array.from({ length: count }, (_, i) => ({
          key: 'k',
          value: `v${i}`,
          headers: { 'event-id': `e${i}` },
        })),
      });
      return topic;
    },
    /** The group's committed offset on partition 0, undefined before its first commit. */
    async committed(groupId: string, topic: string): Promise<string | undefined> {
      const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
      const offset = offsets?.partitions[0]?.offset;
      return offset === '-1' ? undefined : offset;
    },
    get admin() {
      return admin;
    },
  };
}

/** Starts triggers on the local broker and stops them after each test. */
export function triggerFixture(kafka: Kafka) {
  const triggers: KafkaTrigger[] = [];
  afterEach(async () => {
    await Promise.all(triggers.splice(0).map((t) => t.stop()));
  });
  return async (
    options: Omit<KafkaTriggerOptions, 'functionName' | 'bootstrapServers' | 'kafka'> & {
      readonly kafka?: Kafka;
    },
  ): Promise<KafkaTrigger> => {
    const trigger = new KafkaTrigger({
      kafka,
      functionName: 'test-fn',
      bootstrapServers: localEndpoints.kafkaBrokers.join(','),
      maximumBatchingWindowMs: 20,
      ...options,
    });
    triggers.push(trigger);
    await trigger.start();
    return trigger;
  };
}

/** The record values of an MSK event, as strings. */
export const values = (event: MSKEvent) =>
  Object.values(event.records)
    .flat()
    .map((r) => Buffer.from(r.value, 'base64').toString());
