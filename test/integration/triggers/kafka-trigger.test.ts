import type { MSKEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { uniqueName } from '../../support/local-aws.js';
import { kafkaFixture, triggerFixture, until, values } from './kafka-support.js';

const { kafka, topicWith, committed } = kafkaFixture('trigger-test');

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
    await until(() => batches.flat().length === 7, 'seven records');

    expect(batches.flat()).toEqual(['v0', 'v1', 'v2', 'v3', 'v4', 'v5', 'v6']);
    expect(batches.every((b) => b.length <= 3)).toBe(true);
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
    await until(async () => (await committed(groupId, topic)) === '3', 'the commit');

    expect(calls).toBe(2);
    expect(committedDuringRetry).toEqual([undefined]);
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
    await until(async () => (await committed(groupId, topic)) === '5', 'the final commit');

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
    await until(() => attempts.flat().includes('v1'), 'the next record');
    const consumer = kafka.consumer({ groupId: uniqueName('dlq-reader') });
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
    await until(() => dead.length === 1, 'the DLQ record');
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
