import { describe, expect, it } from 'vitest';
import {
  type ConsumerRecord,
  kafkaConsumer,
  RecordRejectedError,
  RetryRecordError,
} from '../../../functions/lib/consumer/index.js';
import { DlqHeaders } from '../../../functions/lib/dlq/index.js';
import { ClaimTakenOverError } from '../../../functions/lib/idempotency/index.js';
import { buildMskEvent, type SourceRecord } from '../../events/msk/build.js';
import {
  collectingDlq,
  FakeFencedError,
  fakeSerde,
  frame,
  lambdaContext,
  memoryStore,
  silentLogger,
} from './fakes.js';

function rec(
  partition: number,
  offset: number,
  value: Buffer,
  eventId = `e-${partition}-${offset}`,
): SourceRecord {
  return {
    topic: 'orders.order.paid',
    partition,
    offset,
    timestamp: 1_790_000_000_000 + offset,
    key: Buffer.from(`order-${offset}`),
    value,
    headers: [
      ['event-id', Buffer.from(eventId)],
      ['x-trace', Buffer.from([0xde, 0xad])],
    ],
  };
}

function consumer(
  handler: (record: ConsumerRecord) => Promise<void>,
  options: { failingDlq?: boolean } = {},
) {
  const dlq = collectingDlq({ failing: options.failingDlq ?? false });
  const idempotency = memoryStore();
  const seen: string[] = [];
  const handle = kafkaConsumer({
    consumerGroup: 'projection',
    serde: fakeSerde,
    dlq,
    idempotency,
    logger: silentLogger,
    handler: async (record) => {
      seen.push(`${record.partition}:${record.offset}`);
      await handler(record);
    },
  });
  return { handle, dlq, idempotency, seen };
}

describe('kafkaConsumer', () => {
  it('hands decoded records to the handler in partition order and reports success', async () => {
    const { handle, seen } = consumer(async () => undefined);
    const event = buildMskEvent([
      rec(0, 1, frame({ n: 1 })),
      rec(0, 2, frame({ n: 2 })),
      rec(1, 5, frame({ n: 3 })),
    ]);

    const response = await handle(event, lambdaContext());

    expect(response).toEqual({ batchItemFailures: [] });
    expect(seen.filter((s) => s.startsWith('0:'))).toEqual(['0:1', '0:2']);
    expect(seen).toContain('1:5');
  });

  it('stops a partition at a retryable failure and names it, while other partitions go on', async () => {
    const { handle, seen } = consumer(async (record) => {
      if (record.offset === 2) throw new RetryRecordError('downstream busy');
    });
    const event = buildMskEvent([
      rec(0, 1, frame({})),
      rec(0, 2, frame({})),
      rec(0, 3, frame({})),
      rec(1, 7, frame({})),
    ]);

    const response = await handle(event, lambdaContext());

    expect(response).toEqual({
      batchItemFailures: [{ itemIdentifier: { partition: 'orders.order.paid-0', offset: 2 } }],
    });
    expect(seen).not.toContain('0:3');
    expect(seen).toContain('1:7');
  });

  it('dead-letters poison bytes, unknown schemas, invalid payloads and rejected records and goes on', async () => {
    const { handle, dlq, seen } = consumer(async (record) => {
      if ((record.value as { reject?: boolean }).reject) throw new RecordRejectedError('unknown sku');
    });
    const event = buildMskEvent([
      rec(0, 1, Buffer.from([0xff, 0x01])),
      rec(0, 2, frame({}, 404)),
      rec(0, 3, frame({ invalid: true })),
      rec(0, 4, frame({ reject: true })),
      rec(0, 5, frame({ ok: true })),
    ]);

    const response = await handle(event, lambdaContext());

    expect(response).toEqual({ batchItemFailures: [] });
    expect(dlq.messages.map((m) => m.headers[DlqHeaders.reason]?.toString())).toEqual([
      'deserialization',
      'schema-not-found',
      'validation',
      'handler-rejected',
    ]);
    expect(seen).toEqual(['0:4', '0:5']);
  });

  it('keeps key, value and headers byte for byte in the DLQ record', async () => {
    const { handle, dlq } = consumer(async () => undefined);
    const poison = Buffer.from([0x07, 0x00, 0xff]);

    await handle(buildMskEvent([rec(2, 9, poison)]), lambdaContext());

    const message = dlq.messages[0];
    expect(message?.topic).toBe('orders.order.paid.dlq');
    expect(message?.value).toEqual(poison);
    expect(message?.key?.toString()).toBe('order-9');
    expect(message?.headers['x-trace']).toEqual(Buffer.from([0xde, 0xad]));
    expect(message?.headers[DlqHeaders.originalPartition]?.toString()).toBe('2');
    expect(message?.headers[DlqHeaders.originalOffset]?.toString()).toBe('9');
    expect(message?.headers[DlqHeaders.consumerGroup]?.toString()).toBe('projection');
  });

  it('fails the invocation when the DLQ cannot be written', async () => {
    const { handle } = consumer(async () => undefined, { failingDlq: true });

    await expect(handle(buildMskEvent([rec(0, 1, Buffer.from([0xff]))]), lambdaContext())).rejects.toThrow(
      'broker down',
    );
  });

  it('runs the handler once for a record delivered twice', async () => {
    const { handle, seen } = consumer(async () => undefined);
    const event = buildMskEvent([rec(0, 1, frame({ n: 1 }))]);

    await handle(event, lambdaContext());
    await handle(event, lambdaContext());

    expect(seen).toEqual(['0:1']);
  });

  it('releases the claim when the handler fails, so the retry runs it', async () => {
    let attempts = 0;
    const { handle, idempotency } = consumer(async () => {
      attempts += 1;
      if (attempts === 1) throw new Error('timeout talking to the table');
    });
    const event = buildMskEvent([rec(0, 1, frame({ n: 1 }))]);

    const first = await handle(event, lambdaContext());
    const second = await handle(event, lambdaContext());

    expect(first.batchItemFailures).toHaveLength(1);
    expect(second.batchItemFailures).toHaveLength(0);
    expect(attempts).toBe(2);
    expect([...idempotency.items.values()].map((i) => i.status)).toEqual(['COMPLETED']);
  });

  it('hands the handler its claim’s completion write when idempotency is on, and none without', async () => {
    const completions: unknown[] = [];
    const { handle } = consumer(async (record) => {
      completions.push(record.completion);
    });
    const bare = kafkaConsumer({
      consumerGroup: 'projection',
      serde: fakeSerde,
      dlq: collectingDlq(),
      logger: silentLogger,
      handler: async (record) => {
        completions.push(record.completion);
      },
    });

    await handle(buildMskEvent([rec(0, 1, frame({}))]), lambdaContext());
    await bare(buildMskEvent([rec(0, 2, frame({}))]), lambdaContext());

    expect(completions[0]).toMatchObject({ ConditionCheck: { Key: { id: { S: 'projection#e-0-1' } } } });
    expect(completions[1]).toBeUndefined();
  });

  it('reports a transaction cancelled because the claim was taken over as a retry, not a DLQ record', async () => {
    const warnings: unknown[] = [];
    const dlq = collectingDlq();
    const idempotency = memoryStore();
    const handle = kafkaConsumer({
      consumerGroup: 'projection',
      serde: fakeSerde,
      dlq,
      idempotency,
      logger: { warn: (_message, extra) => warnings.push(extra), error: () => undefined },
      handler: async () => {
        throw new Error('outbox write failed', { cause: new FakeFencedError('projection#e-0-1') });
      },
    });

    const response = await handle(
      buildMskEvent([rec(0, 1, frame({})), rec(0, 2, frame({}))]),
      lambdaContext(),
    );

    expect(response.batchItemFailures).toEqual([
      { itemIdentifier: { partition: 'orders.order.paid-0', offset: 1 } },
    ]);
    expect(dlq.messages).toHaveLength(0);
    expect(warnings).toEqual([expect.objectContaining({ error: expect.any(ClaimTakenOverError) })]);
    // Not released: a release would conditionally delete a claim that is no longer ours.
    expect(idempotency.items.get('projection#e-0-1')?.status).toBe('IN_PROGRESS');
  });

  it('dead-letters a redelivered event id whose payload changed', async () => {
    const { handle, dlq } = consumer(async () => undefined);

    await handle(buildMskEvent([rec(0, 1, frame({ n: 1 }), 'same-id')]), lambdaContext());
    await handle(buildMskEvent([rec(0, 2, frame({ n: 2 }), 'same-id')]), lambdaContext());

    expect(dlq.messages.map((m) => m.headers[DlqHeaders.reason]?.toString())).toEqual(['validation']);
  });

  it('parses values the event source mapping already deserialized to JSON', async () => {
    const values: unknown[] = [];
    const { handle } = consumer(async (record) => {
      values.push(record.value);
    });
    const event = buildMskEvent([
      {
        ...rec(0, 1, Buffer.from('{"orderId":"o-1"}')),
        valueSchemaMetadata: { dataFormat: 'AVRO', schemaId: '7' },
      },
    ]);

    await handle(event, lambdaContext());

    expect(values).toEqual([{ orderId: 'o-1' }]);
  });
});
