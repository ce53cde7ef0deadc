import {
  type DynamoDBClient,
  TransactionCanceledException,
  type TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import type { KMSClient } from '@aws-sdk/client-kms';
import { marshall } from '@aws-sdk/util-dynamodb';
import { describe, expect, it } from 'vitest';
import { loadManifest } from '../../../functions/lib/manifest/index.js';
import {
  createOutboxWriter,
  fromOutboxItem,
  itemSize,
  OutboxEventError,
  OutboxLimitError,
  OutboxTransactionCanceledError,
  OutboxValidationError,
  schemaPayloadValidator,
} from '../../../functions/lib/outbox/index.js';
import {
  awsKmsKek,
  DekKeyring,
  FieldEncryptor,
  MemoryDekRegistry,
} from '../../../functions/lib/serde/encryption/index.js';

const manifest = loadManifest();

/** A client whose send records the command and answers with `reply` (no network). */
function fakeClient(reply: (command: TransactWriteItemsCommand) => unknown = () => ({})) {
  const sent: TransactWriteItemsCommand[] = [];
  const client = {
    send: async (command: TransactWriteItemsCommand) => {
      sent.push(command);
      const answer = reply(command);
      if (answer instanceof Error) throw answer;
      return answer;
    },
  } as unknown as DynamoDBClient;
  return { client, sent };
}

function writer(client: DynamoDBClient, validatePayload = () => {}) {
  return createOutboxWriter({
    client,
    tableName: 'outbox',
    manifest,
    source: 'orders-service',
    validatePayload,
    clock: () => new Date('2026-11-24T12:00:00.000Z'),
    ttlSeconds: 3600,
  });
}

const placed = { eventType: 'OrderPlaced', aggregateId: 'o-1', payload: { orderId: 'o-1' } };

describe('OutboxWriter', () => {
  it('puts the domain writes and one outbox item per event in one transaction', async () => {
    const { client, sent } = fakeClient();
    const domain = { Put: { TableName: 'orders', Item: marshall({ pk: 'o-1' }) } };

    const result = await writer(client).write({
      writes: [domain],
      events: [placed, { eventType: 'OrderPaid', aggregateId: 'o-1', payload: {} }],
    });

    expect(sent).toHaveLength(1);
    const items = sent[0]?.input.TransactItems ?? [];
    expect(items[0]).toEqual(domain);
    const stored = items.slice(1).map((item) => fromOutboxItem(item.Put?.Item ?? {}));
    expect(stored.map((e) => [e.topic, e.txSeq, e.aggregateType])).toEqual([
      ['orders.order.placed', 0, 'Order'],
      ['orders.order.paid', 1, 'Order'],
    ]);
    expect(items[1]?.Put?.Item?.pk).toEqual({ S: 'Order#o-1' });
    expect(stored[0]?.expiresAt).toBe(Date.parse('2026-11-24T13:00:00.000Z') / 1000);
    expect((stored[0]?.eventId ?? '') < (stored[1]?.eventId ?? '')).toBe(true);
    expect(result.events.map((e) => e.eventId)).toEqual(stored.map((e) => e.eventId));
    expect(sent[0]?.input.ClientRequestToken).toBe(result.txId);
  });

  it('refuses a payload the schema rejects before anything is sent', async () => {
    const { client, sent } = fakeClient();

    const write = writer(client, () => {
      throw new Error('orderId is required');
    }).write({ events: [placed] });

    await expect(write).rejects.toThrow(OutboxValidationError);
    await expect(write).rejects.toThrow(/OrderPlaced.*orderId is required/);
    expect(sent).toHaveLength(0);
  });

  it('refuses unknown event types, a foreign aggregate type and envelope header names', async () => {
    const { client } = fakeClient();
    const outbox = writer(client);

    await expect(outbox.write({ events: [{ ...placed, eventType: 'Nope' }] })).rejects.toThrow(
      OutboxEventError,
    );
    await expect(outbox.write({ events: [{ ...placed, aggregateType: 'Cart' }] })).rejects.toThrow(/Cart/);
    await expect(outbox.write({ events: [{ ...placed, headers: { 'event-id': 'x' } }] })).rejects.toThrow(
      /reserved/,
    );
  });

  it('names the DynamoDB limit a transaction would break', async () => {
    const { client, sent } = fakeClient();
    const outbox = writer(client);
    const many = Array.from({ length: 101 }, () => placed);
    const big = { ...placed, payload: { blob: 'x'.repeat(401 * 1024) } };
    const nine = Array.from({ length: 11 }, () => ({ ...placed, payload: { blob: 'x'.repeat(390 * 1024) } }));

    await expect(outbox.write({ events: many })).rejects.toMatchObject({
      limit: 'maxTransactionItems',
      actual: 101,
    });
    await expect(outbox.write({ events: [big] })).rejects.toThrow(
      /item 0 \(outbox event .* \(OrderPlaced\)\)/,
    );
    await expect(outbox.write({ events: nine })).rejects.toMatchObject({ limit: 'maxTransactionBytes' });
    await expect(outbox.write({ events: [big] })).rejects.toBeInstanceOf(OutboxLimitError);
    expect(sent).toHaveLength(0);
  });

  it('explains a cancelled transaction item by item', async () => {
    const cancelled = new TransactionCanceledException({
      message: 'Transaction cancelled',
      $metadata: {},
      CancellationReasons: [
        { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed' },
        { Code: 'None' },
      ],
    });
    const { client } = fakeClient(() => cancelled);
    const domain = { Put: { TableName: 'orders', Item: marshall({ pk: 'o-1' }) } };

    const error = await writer(client)
      .write({ writes: [domain], events: [placed] })
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(OutboxTransactionCanceledError);
    const canceled = error as OutboxTransactionCanceledError;
    expect(canceled.reasons).toEqual([
      {
        index: 0,
        kind: 'domain',
        target: 'Put orders',
        code: 'ConditionalCheckFailed',
        message: 'The conditional request failed',
      },
    ]);
    expect(canceled.retryable).toBe(false);
    expect(canceled.message).toMatch(/item 0 \[domain: Put orders\]: ConditionalCheckFailed/);
    expect(canceled.cause).toBe(cancelled);
  });

  it('marks a cancellation by a conflicting transaction as retryable', async () => {
    const conflict = new TransactionCanceledException({
      message: 'Transaction cancelled',
      $metadata: {},
      CancellationReasons: [{ Code: 'None' }, { Code: 'TransactionConflict' }],
    });
    const { client } = fakeClient(() => conflict);

    const error = (await writer(client)
      .write({ writes: [{ Put: { TableName: 'orders', Item: marshall({ pk: 'o-1' }) } }], events: [placed] })
      .catch((e: unknown) => e)) as OutboxTransactionCanceledError;

    expect(error.retryable).toBe(true);
    expect(error.reasons[0]).toMatchObject({ index: 1, kind: 'outbox', code: 'TransactionConflict' });
    expect(error.reasons[0]?.eventId).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('itemSize', () => {
  it('counts names, UTF-8 strings, numbers and container overhead as DynamoDB documents', () => {
    expect(itemSize({ ab: { S: 'é' } })).toBe(4);
    expect(itemSize({ n: { N: '12345' } })).toBe(1 + 4);
    expect(itemSize({ m: { M: { k: { BOOL: true } } } })).toBe(1 + 3 + 1 + 1 + 1);
    expect(itemSize({ l: { L: [{ NULL: true }, { B: new Uint8Array(10) }] } })).toBe(1 + 3 + 2 + 1 + 10);
  });
});

describe('schemaPayloadValidator', () => {
  const validate = schemaPayloadValidator();
  const placedPayload = {
    orderId: 'o-1',
    customerId: 'c-1',
    lines: [{ sku: 'A', quantity: 1, unitPriceCents: 100 }],
    totalCents: 100,
    currency: 'EUR',
    placedAt: 1,
  };

  it('accepts payloads of each schema type the manifest uses', () => {
    expect(() => validate(manifest.topicForEvent('OrderPlaced'), placedPayload)).not.toThrow();
    expect(() =>
      validate(manifest.topicForEvent('OrderCancelled'), {
        order_id: 'o-1',
        reason: 'CUSTOMER_REQUEST',
        note: 'changed mind',
      }),
    ).not.toThrow();
  });

  it('names what is wrong with a payload the schema rejects', () => {
    expect(() =>
      validate(manifest.topicForEvent('OrderPlaced'), { ...placedPayload, totalCents: 'lots' }),
    ).toThrow(/totalCents/);
    expect(() => validate(manifest.topicForEvent('FulfilmentRequested'), { nope: true })).toThrow();
  });

  it('resolves the encryption target of a topic once, not on every write', async () => {
    const { client, sent } = fakeClient();
    // Wraps DEKs by copying them: enough for a writer that never decrypts.
    const kms = {
      send: async (command: { input: { Plaintext?: Uint8Array } }) => ({
        CiphertextBlob: command.input.Plaintext,
      }),
    } as unknown as KMSClient;
    let kekLookups = 0;
    const kmsKeyIds = new Proxy({ 'orders-pii': 'arn:aws:kms:us-east-1:1:key/k' } as Record<string, string>, {
      get(target, name) {
        kekLookups += 1;
        return Reflect.get(target, name);
      },
    });
    const outbox = createOutboxWriter({
      client,
      tableName: 'outbox',
      manifest,
      source: 's',
      validatePayload: () => {},
      encryption: {
        encryptor: new FieldEncryptor(
          new DekKeyring({ registry: new MemoryDekRegistry(), kek: awsKmsKek(kms) }),
        ),
        kmsKeyIds,
      },
    });
    const payload = { ...placedPayload, customerEmail: 'ada@example.com' };

    for (const aggregateId of ['o-1', 'o-2', 'o-3']) {
      await outbox.write({ events: [{ eventType: 'OrderPlaced', aggregateId, payload }] });
    }

    const stored = sent.map((command) => fromOutboxItem(command.input.TransactItems?.[0]?.Put?.Item ?? {}));
    expect(stored.map((event) => (event.payload as typeof payload).customerEmail)).not.toContain(
      'ada@example.com',
    );
    expect(stored).toHaveLength(3);
    expect(kekLookups).toBe(1);
  });

  it('makes the writer refuse an invalid payload by default', async () => {
    const { client, sent } = fakeClient();
    const outbox = createOutboxWriter({ client, tableName: 'outbox', manifest, source: 's' });

    await expect(outbox.write({ events: [{ ...placed, payload: { orderId: 1 } }] })).rejects.toThrow(
      OutboxValidationError,
    );
    expect(sent).toHaveLength(0);
  });
});
