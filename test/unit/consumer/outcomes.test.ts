import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { afterEach, describe, expect, it } from 'vitest';
import {
  kafkaConsumer,
  type RecordOutcome,
  RetryRecordError,
  recordOutcomeChannel,
} from '../../../functions/lib/consumer/index.js';
import { buildMskEvent, type SourceRecord } from '../../events/msk/build.js';
import { collectingDlq, fakeSerde, frame, lambdaContext, memoryStore, silentLogger } from './fakes.js';

const rec = (offset: number, value: Buffer): SourceRecord => ({
  topic: 'orders.order.paid',
  partition: 0,
  offset,
  timestamp: 1_790_000_000_000 + offset,
  key: Buffer.from(`order-${offset}`),
  value,
  headers: [['event-id', Buffer.from(`e-${offset}`)]],
});

describe('record outcomes on the diagnostics channel', () => {
  const seen: RecordOutcome[] = [];
  const listener = (message: unknown) => seen.push(message as RecordOutcome);
  afterEach(() => {
    unsubscribe(recordOutcomeChannel.name, listener);
    seen.length = 0;
  });

  it('publishes processed, duplicate, dead-lettered and retry, in record order', async () => {
    subscribe(recordOutcomeChannel.name, listener);
    const handle = kafkaConsumer({
      consumerGroup: 'projection',
      serde: fakeSerde,
      dlq: collectingDlq(),
      idempotency: memoryStore(),
      logger: silentLogger,
      handler: async (record) => {
        if (record.offset === 4) throw new RetryRecordError('downstream busy');
      },
    });
    await handle(buildMskEvent([rec(1, frame({}))]), lambdaContext());

    await handle(
      buildMskEvent([
        rec(1, frame({})),
        rec(2, Buffer.from([0xff, 0x01])),
        rec(3, frame({})),
        rec(4, frame({})),
      ]),
      lambdaContext(),
    );

    expect(seen.map((o) => [o.offset, o.status, o.reason])).toEqual([
      [1, 'processed', undefined],
      [1, 'duplicate', undefined],
      [2, 'dead-lettered', 'deserialization'],
      [3, 'processed', undefined],
      [4, 'retry', undefined],
    ]);
    expect(seen[4]?.error).toMatchObject({ name: 'RetryRecordError', message: 'downstream busy' });
  });

  it('publishes nothing when no one listens', async () => {
    const handle = kafkaConsumer({
      consumerGroup: 'projection',
      serde: fakeSerde,
      dlq: collectingDlq(),
      logger: silentLogger,
      handler: async () => undefined,
    });

    await handle(buildMskEvent([rec(1, frame({}))]), lambdaContext());

    expect(recordOutcomeChannel.hasSubscribers).toBe(false);
    expect(seen).toEqual([]);
  });
});
