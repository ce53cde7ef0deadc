import { Kafka, logLevel } from 'kafkajs';
import { afterAll, describe, expect, it } from 'vitest';
import {
  type ConsumerRecord,
  kafkaConsumer,
  RetryRecordError,
} from '../../../functions/lib/consumer/index.js';
import { KafkaTrigger } from '../../../local/triggers/index.js';
import { localEndpoints, uniqueName } from '../../support/local-aws.js';
import { waitFor } from '../../support/wait-for.js';
import { envelopeHeaders, type Fixture, paidBytes, serde, setupFixture, silent } from './support.js';

describe('consumer under the local MSK trigger', () => {
  let f: Fixture;
  let trigger: KafkaTrigger | undefined;
  afterAll(async () => {
    await trigger?.stop();
    await f?.teardown();
  });

  it('is retried from the failed record, in order, and runs each record once', async () => {
    f = await setupFixture();
    const orders = ['o-1', 'o-2', 'o-3'];
    await f.produce(
      orders.map((orderId) => ({
        partition: 0,
        key: orderId,
        value: paidBytes(orderId),
        headers: envelopeHeaders(`evt-${orderId}`, orderId),
      })),
    );
    const seen: string[] = [];
    let failedOnce = false;
    const handler = kafkaConsumer({
      consumerGroup: f.consumerGroup,
      serde,
      dlq: f.dlq,
      idempotency: f.idempotency,
      logger: silent,
      handler: async (record: ConsumerRecord) => {
        const orderId = String(record.key);
        seen.push(orderId);
        if (orderId === 'o-2' && !failedOnce) {
          failedOnce = true;
          throw new RetryRecordError('downstream busy');
        }
        await f.recordEffect(`evt-${orderId}`);
      },
    });
    trigger = new KafkaTrigger({
      functionName: 'order-projection',
      handler,
      kafka: new Kafka({
        brokers: localEndpoints.kafkaBrokers,
        clientId: 'it-trigger',
        logLevel: logLevel.NOTHING,
      }),
      topics: [f.topic],
      groupId: uniqueName('esm'),
      bootstrapServers: localEndpoints.kafkaBrokers.join(','),
      reportBatchItemFailures: true,
      maximumBatchingWindowMs: 50,
    });

    await trigger.start();
    await waitFor(async () => (await f.effects('evt-o-3')) > 0, { what: 'the last record’s effect' });

    expect(seen).toEqual(['o-1', 'o-2', 'o-2', 'o-3']);
    expect([await f.effects('evt-o-1'), await f.effects('evt-o-2'), await f.effects('evt-o-3')]).toEqual([
      1, 1, 1,
    ]);
  });
});
