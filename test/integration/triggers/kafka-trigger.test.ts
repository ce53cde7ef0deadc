import type { MSKEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { uniqueName } from '../../support/local-aws.js';
import { waitFor } from '../../support/wait-for.js';
import { kafkaFixture, triggerFixture, values } from './kafka-support.js';

const fixture = kafkaFixture('trigger-test');
const { kafka, topicWith, committed } = fixture;

describe('KafkaTrigger', () => {
  const start = triggerFixture(kafka);

  // https://docs.aws.amazon.com/lambda/latest/dg/with-msk.html (BatchSize; event grouped by topic-partition).
  it('delivers records in offset order in batches of at most BatchSize, grouped by topic-partition', async () => {
    const topic = await topicWith(7);
    const batches: string[][] = [];

    await start({
      topics: [topic],
      groupId: uniqueName('g'),
      batchSize: 3,
      handler: async (event: MSKEvent) => {
        expect(Object.keys(event.records)).toEqual([`${topic}-0`]);
        batches.push(values(event));
      },
    });
    await waitFor(() => batches.flat().length === 7, { what: 'seven records' });

    expect(batches.flat()).toEqual(['v0', 'v1', 'v2', 'v3', 'v4', 'v5', 'v6']);
    expect(batches.every((b) => b.length <= 3)).toBe(true);
  });

  // https://docs.aws.amazon.com/lambda/latest/dg/with-msk-process.html: records of one partition
  // in order, partitions side by side, one payload holding several partitions. The trigger keeps
  // fetching during invocations and stops fetching a partition whose lane holds two batches, so
  // a slow function with a backlog on every partition goes through the pause and resume path.
  it('delivers a backlog on several partitions once each, in offset order per partition', async () => {
    const topic = uniqueName('trig');
    const partitions = 3;
    const perPartition = 40;
    await fixture.admin.createTopics({
      waitForLeaders: true,
      topics: [{ topic, numPartitions: partitions }],
    });
    const producer = kafka.producer();
    await producer.connect();
    // Two waves: the second is sent while the first fills the lanes, so it is fetched only after a resume.
    const wave = (from: number) =>
      producer.send({
        topic,
        messages: Array.from({ length: (partitions * perPartition) / 2 }, (_, k) => {
          const i = from + k;
          return { partition: i % partitions, value: `p${i % partitions}-${Math.floor(i / partitions)}` };
        }),
      });
    await wave(0);
    const seen = new Map<string, number[]>();
    const sizes: number[] = [];

    const groupId = uniqueName('g');

    await start({
      topics: [topic],
      groupId,
      batchSize: 4,
      handler: async (event: MSKEvent) => {
        sizes.push(Object.values(event.records).flat().length);
        for (const value of values(event)) {
          const [partition, n] = value.split('-') as [string, string];
          seen.set(partition, [...(seen.get(partition) ?? []), Number(n)]);
        }
        await new Promise((r) => setTimeout(r, 20));
      },
    });
    await waitFor(() => sizes.length > 0, { what: 'the first invocation' });
    await wave((partitions * perPartition) / 2);
    await producer.disconnect();
    // Every partition committed to its end: the trigger is done, and any second delivery came before.
    await waitFor(
      async () => {
        const [offsets] = await fixture.admin.fetchOffsets({ groupId, topics: [topic] });
        return offsets?.partitions.every((p) => Number(p.offset) === perPartition) ?? false;
      },
      { what: 'every partition committed to its end' },
    );

    const inOrder = Array.from({ length: perPartition }, (_, n) => n);
    expect(Object.fromEntries(seen)).toEqual({ p0: inOrder, p1: inOrder, p2: inOrder });
    expect(Math.max(...sizes)).toBeLessThanOrEqual(4);
  });

  // https://docs.aws.amazon.com/lambda/latest/dg/with-msk-process.html: Lambda commits offsets
  // after the invocation succeeds; a failed batch is retried, so nothing is committed before it.
  it('commits the consumer group offset only after a successful invocation', async () => {
    const topic = await topicWith(3);
    const groupId = uniqueName('g');
    const committedDuringRetry: (string | undefined)[] = [];
    let calls = 0;

    await start({
      topics: [topic],
      groupId,
      handler: async () => {
        calls++;
        if (calls === 1) throw new Error('transient');
        committedDuringRetry.push(await committed(groupId, topic));
      },
    });
    await waitFor(async () => (await committed(groupId, topic)) === '3', { what: 'the commit' });

    expect(calls).toBe(2);
    expect(committedDuringRetry).toEqual([undefined]);
  });

  // Like records an event filter drops (https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventfiltering.html):
  // never delivered, yet the group commits past them, so they count as neither lag nor backlog.
  it('never delivers the records it does not accept and commits past them, the trailing ones included', async () => {
    const topic = await topicWith(6);
    const groupId = uniqueName('g');
    const delivered: string[] = [];

    await start({
      topics: [topic],
      groupId,
      accepts: (record) => Number(record.message.value?.toString().slice(1)) % 2 === 0,
      handler: async (event: MSKEvent) => {
        delivered.push(...values(event));
      },
    });
    await waitFor(async () => (await committed(groupId, topic)) === '6', { what: 'the commit past v5' });

    expect(delivered).toEqual(['v0', 'v2', 'v4']);
  });

  // https://docs.aws.amazon.com/lambda/latest/dg/kafka-retry-configurations.html ("Partial batch
  // response"): records before the reported one are done, retries resume at it.
  it('commits up to the partial batch failure point and retries from the failed offset', async () => {
    const topic = await topicWith(5);
    const groupId = uniqueName('g');
    const batches: string[][] = [];
    const committedAtRetry: (string | undefined)[] = [];

    await start({
      topics: [topic],
      groupId,
      reportBatchItemFailures: true,
      handler: async (event: MSKEvent) => {
        batches.push(values(event));
        if (batches.length === 1)
          return { batchItemFailures: [{ itemIdentifier: { partition: `${topic}-0`, offset: 2 } }] };
        committedAtRetry.push(await committed(groupId, topic));
        return { batchItemFailures: [] };
      },
    });
    await waitFor(async () => (await committed(groupId, topic)) === '5', { what: 'the final commit' });

    expect(batches).toEqual([
      ['v0', 'v1', 'v2', 'v3', 'v4'],
      ['v2', 'v3', 'v4'],
    ]);
    expect(committedAtRetry).toEqual(['2']);
  });

  // https://docs.aws.amazon.com/lambda/latest/dg/kafka-on-failure-destination.html: after the
  // retries the failed records, with failure metadata, go to the destination topic; the partition moves on.
  it('sends records that exhaust their retries to the Kafka DLQ topic and moves on', async () => {
    const dlq = uniqueName('trig-dlq');
    const topic = await topicWith(2, dlq);
    const groupId = uniqueName('g');
    const attempts: string[][] = [];
    const dlqProducer = kafka.producer();
    await dlqProducer.connect();

    await start({
      topics: [topic],
      groupId,
      batchSize: 1,
      maximumRetryAttempts: 2,
      onFailure: { producer: dlqProducer, topic: dlq },
      handler: async (event: MSKEvent) => {
        attempts.push(values(event));
        if (values(event).includes('v0')) throw new Error('handler broke');
      },
    });
    await waitFor(() => attempts.flat().includes('v1'), { what: 'the next record' });
    const consumer = kafka.consumer({ groupId: uniqueName('dlq-reader'), maxWaitTimeInMs: 100 });
    const dead: { value: string; headers: Record<string, string> }[] = [];
    await consumer.connect();
    await consumer.subscribe({ topic: dlq, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        const headers = Object.fromEntries(
          Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)]),
        );
        dead.push({ value: String(message.value), headers });
      },
    });
    await waitFor(() => dead.length === 1, { what: 'the DLQ record' });
    await Promise.all([consumer.disconnect(), dlqProducer.disconnect()]);

    expect(attempts).toEqual([['v0'], ['v0'], ['v0'], ['v1']]);
    expect(dead[0]?.value).toBe('v0');
    expect(dead[0]?.headers).toMatchObject({
      'event-id': 'e0',
      'dlq-reason': 'retries-exhausted',
      'dlq-error-message': 'handler broke',
      'dlq-original-topic': topic,
      'dlq-original-offset': '0',
      'dlq-consumer-group': groupId,
    });
  });
});
