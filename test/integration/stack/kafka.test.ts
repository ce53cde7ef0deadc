import { Kafka, logLevel } from 'kafkajs';
import { afterAll, describe, expect, it } from 'vitest';
import { localEndpoints, uniqueName } from '../../support/local-aws.js';

describe('Kafka broker', () => {
  const kafka = new Kafka({
    brokers: localEndpoints.kafkaBrokers,
    clientId: 'smoke',
    logLevel: logLevel.NOTHING,
  });
  const admin = kafka.admin();
  afterAll(() => admin.disconnect());

  it('round-trips records with headers through an idempotent producer and a consumer group', async () => {
    const topic = uniqueName('smoke.ping.sent');
    const groupId = uniqueName('smoke-group');
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 3 }], waitForLeaders: true });
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100 });
    const sent = Array.from({ length: 9 }, (_, i) => ({
      key: `k${i % 3}`,
      value: `v${i}`,
      headers: { 'event-id': `e${i}` },
    }));

    await producer.connect();
    await producer.send({ topic, acks: -1, messages: sent });
    await producer.disconnect();
    const received: { key: string; value: string; eventId: string }[] = [];
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      consumer
        .run({
          autoCommit: false,
          eachMessage: async ({ partition, message }) => {
            received.push({
              key: String(message.key),
              value: String(message.value),
              eventId: String(message.headers?.['event-id']),
            });
            await consumer.commitOffsets([{ topic, partition, offset: String(Number(message.offset) + 1) }]);
            if (received.length === sent.length) resolve();
          },
        })
        .catch(reject);
    });
    await consumer.disconnect();

    expect(received.map((r) => r.value).sort()).toEqual(sent.map((s) => s.value).sort());
    expect(received.every((r) => r.eventId === `e${r.value.slice(1)}`)).toBe(true);
    const committed = await admin.fetchOffsets({ groupId, topics: [topic] });
    const total = committed[0]?.partitions.reduce((sum, p) => sum + Math.max(0, Number(p.offset)), 0);
    expect(total).toBe(sent.length);
  });
});
