import {
  CreateTableCommand,
  DeleteTableCommand,
  GetItemCommand,
  QueryCommand,
  type TransactWriteItem,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import type { Context } from 'aws-lambda';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestFulfilment } from '../../../functions/fulfilment/request-fulfilment.js';
import { fulfilmentTableDefinition } from '../../../functions/fulfilment/table.js';
import { type ConsumerRecord, kafkaConsumer } from '../../../functions/lib/consumer/index.js';
import type { DlqMessage, DlqPublisher } from '../../../functions/lib/dlq/index.js';
import {
  ClaimTakenOverError,
  dynamoDbIdempotencyStore,
  idempotencyTableDefinition,
} from '../../../functions/lib/idempotency/index.js';
import { loadManifest } from '../../../functions/lib/manifest/index.js';
import {
  aggregateKey,
  createOutboxWriter,
  outboxTableDefinition,
} from '../../../functions/lib/outbox/index.js';
import { buildMskEvent } from '../../events/msk/build.js';
import { uniqueName } from '../../support/local-aws.js';
import { manualClock } from '../../support/manual-clock.js';
import { waitFor } from '../../support/wait-for.js';
import { dynamodb, envelopeHeaders, paidBytes, serde } from './support.js';

const forever = () => new Promise<never>(() => undefined);

/** The budget of the invocations that time out: their claims' leases last this long. */
const SHORT_INVOCATION_MS = 500;

function context(remainingMs = 30_000): Context {
  const deadline = Date.now() + remainingMs;
  return {
    awsRequestId: `req-${Math.random()}`,
    functionName: 'fenced-consumer',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  } as Context;
}

/** One OrderPaid record, as Lambda would deliver it (these tests need DynamoDB only, not a broker). */
function paidEvent(eventId: string) {
  const orderId = `o-${eventId}`;
  const value = paidBytes(orderId);
  const headers = Object.fromEntries(
    Object.entries(envelopeHeaders(eventId, orderId)).map(([name, v]) => [name, Buffer.from(String(v))]),
  );
  return buildMskEvent([
    {
      topic: 'it.fencing.paid',
      partition: 0,
      offset: 7,
      timestamp: 0,
      key: Buffer.from(orderId),
      value,
      headers,
    },
  ]);
}

const tables: string[] = [];
async function table(definition: (name: string) => ConstructorParameters<typeof CreateTableCommand>[0]) {
  const name = uniqueName('it-fencing');
  await dynamodb.send(new CreateTableCommand(definition(name)));
  tables.push(name);
  return name;
}

let claimsTable: string;
let effectsTable: string;
beforeAll(async () => {
  claimsTable = await table(idempotencyTableDefinition);
  effectsTable = await table((name) => ({
    TableName: name,
    AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    BillingMode: 'PAY_PER_REQUEST',
  }));
});
afterAll(async () => {
  for (const name of tables)
    await dynamodb.send(new DeleteTableCommand({ TableName: name })).catch(() => undefined);
});

/** A side effect that counts every time it is applied, so a second application shows. */
function countEffect(eventId: string): TransactWriteItem {
  return {
    Update: {
      TableName: effectsTable,
      Key: { id: { S: eventId } },
      UpdateExpression: 'ADD runs :one',
      ExpressionAttributeValues: { ':one': { N: '1' } },
    },
  };
}

async function effects(eventId: string): Promise<number> {
  const { Item } = await dynamodb.send(
    new GetItemCommand({ TableName: effectsTable, Key: { id: { S: eventId } }, ConsistentRead: true }),
  );
  return Number(Item?.runs?.N ?? 0);
}

async function claimItem(key: string) {
  const { Item } = await dynamodb.send(
    new GetItemCommand({ TableName: claimsTable, Key: { id: { S: key } }, ConsistentRead: true }),
  );
  return Item;
}

/** Commits the effect and, when the consumer handed one, the claim's completion in one transaction. */
async function fencedEffect(record: ConsumerRecord, extra: readonly TransactWriteItem[] = []): Promise<void> {
  const eventId = String(record.envelope?.eventId);
  await dynamodb.send(
    new TransactWriteItemsCommand({
      TransactItems: [countEffect(eventId), ...extra, ...(record.completion ? [record.completion] : [])],
    }),
  );
}

function harness(handler: (record: ConsumerRecord) => Promise<void>) {
  const dead: DlqMessage[] = [];
  const warnings: unknown[] = [];
  const dlq: DlqPublisher = {
    async publish(message) {
      dead.push(message);
      return undefined;
    },
  };
  const consumerGroup = uniqueName('fenced');
  // The store judges leases by this clock, so a lease runs out when the test says, not after a real wait.
  const clock = manualClock();
  const handle = kafkaConsumer({
    consumerGroup,
    serde,
    dlq,
    idempotency: dynamoDbIdempotencyStore({ client: dynamodb, tableName: claimsTable, now: clock.now }),
    logger: { warn: (_message, extra) => warnings.push(extra), error: () => undefined },
    handler,
  });
  /** Redelivers once the timed-out invocation's lease has run out, as Lambda's retry would. */
  function redeliverAfterLease(event: ReturnType<typeof paidEvent>) {
    clock.advance(SHORT_INVOCATION_MS + 1);
    return handle(event, context());
  }
  return {
    handle,
    redeliverAfterLease,
    dead,
    warnings,
    key: (eventId: string) => `${consumerGroup}#${eventId}`,
  };
}

describe('Claim completion fenced into the handler’s transaction (DynamoDB Local)', () => {
  it('commits the effect and the claim’s completion together, so a redelivery skips the handler', async () => {
    const eventId = uuidv7();
    let calls = 0;
    const h = harness(async (record) => {
      calls += 1;
      await fencedEffect(record);
    });

    const first = await h.handle(paidEvent(eventId), context());
    const again = await h.handle(paidEvent(eventId), context());

    expect(first).toEqual({ batchItemFailures: [] });
    expect(again).toEqual({ batchItemFailures: [] });
    expect(calls).toBe(1);
    expect(await effects(eventId)).toBe(1);
    expect((await claimItem(h.key(eventId)))?.status?.S).toBe('COMPLETED');
  });

  it('writes neither the effect nor the completion when the handler’s own condition cancels the transaction', async () => {
    const eventId = uuidv7();
    const h = harness((record) =>
      fencedEffect(record, [
        {
          ConditionCheck: {
            TableName: effectsTable,
            Key: { id: { S: `missing-${eventId}` } },
            ConditionExpression: 'attribute_exists(id)',
          },
        },
      ]),
    );

    const response = await h.handle(paidEvent(eventId), context());

    expect(response.batchItemFailures).toHaveLength(1);
    expect(await effects(eventId)).toBe(0);
    // Not completed, and released for the retry.
    expect(await claimItem(h.key(eventId))).toBeUndefined();
    expect(h.warnings).not.toContainEqual(
      expect.objectContaining({ error: expect.any(ClaimTakenOverError) }),
    );
  });

  it('cancels a zombie’s transaction after its expired claim was taken over, so the effect is written once', async () => {
    const eventId = uuidv7();
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let zombieOutcome: Promise<unknown> | undefined;
    let calls = 0;
    const h = harness(async (record) => {
      calls += 1;
      if (calls > 1) return fencedEffect(record);
      // The first run stalls past its invocation's deadline, then wakes up and commits: a zombie.
      zombieOutcome = gate
        .then(() => fencedEffect(record))
        .then(
          () => 'committed',
          (error: unknown) => error,
        );
      const outcome = await zombieOutcome;
      if (outcome !== 'committed') throw outcome;
    });

    await expect(h.handle(paidEvent(eventId), context(SHORT_INVOCATION_MS))).rejects.toThrow();
    const retried = await h.redeliverAfterLease(paidEvent(eventId));
    release();
    const zombieError = await zombieOutcome;
    // The zombie invocation's own routing of the cancellation ends with its warning.
    await waitFor(() => h.warnings.length > 0, { what: 'the zombie invocation to log its failure' });

    expect(retried).toEqual({ batchItemFailures: [] });
    expect(zombieError).toMatchObject({ name: 'TransactionCanceledException' });
    expect(h.warnings).toContainEqual(expect.objectContaining({ error: expect.any(ClaimTakenOverError) }));
    expect(h.dead).toHaveLength(0);
    expect(await effects(eventId)).toBe(1);
    expect((await claimItem(h.key(eventId)))?.status?.S).toBe('COMPLETED');
  });

  it('applies the effect once when the invocation died after its commit and the record is redelivered', async () => {
    const eventId = uuidv7();
    let calls = 0;
    const h = harness(async (record) => {
      calls += 1;
      await fencedEffect(record);
      // Dies here: after the commit, before the consumer's own completion and the offset commit.
      if (calls === 1) await forever();
    });

    await expect(h.handle(paidEvent(eventId), context(SHORT_INVOCATION_MS))).rejects.toThrow();
    const redelivered = await h.redeliverAfterLease(paidEvent(eventId));

    expect(redelivered).toEqual({ batchItemFailures: [] });
    expect(calls).toBe(1);
    expect(await effects(eventId)).toBe(1);
  });

  it('fulfilment writes nothing and reports the take-over when its claim is no longer its own', async () => {
    const fulfilmentTable = await table(fulfilmentTableDefinition);
    const outboxTable = await table(outboxTableDefinition);
    const outbox = createOutboxWriter({
      client: dynamodb,
      tableName: outboxTable,
      manifest: loadManifest(),
      source: 'fulfilment',
    });
    const eventId = uuidv7();
    const orderId = `o-${eventId}`;
    let calls = 0;
    let zombieError: unknown;
    let retryFulfilled: () => void = () => undefined;
    const fulfilledByRetry = new Promise<void>((resolve) => {
      retryFulfilled = resolve;
    });
    const h = harness(async (record) => {
      calls += 1;
      const zombie = calls === 1;
      // The zombie stalls until the retry has taken the claim over and fulfilled the order.
      if (zombie) await fulfilledByRetry;
      try {
        await requestFulfilment({ client: dynamodb, tableName: fulfilmentTable, outbox })(record, context());
      } catch (error) {
        zombieError = error;
        throw error;
      }
      if (!zombie) retryFulfilled();
    });

    await expect(h.handle(paidEvent(eventId), context(SHORT_INVOCATION_MS))).rejects.toThrow();
    await h.redeliverAfterLease(paidEvent(eventId));
    await waitFor(() => h.warnings.length > 0, { what: 'the zombie invocation to log its failure' });
    const events = await dynamodb.send(
      new QueryCommand({
        TableName: outboxTable,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': { S: aggregateKey('Order', orderId) } },
        ConsistentRead: true,
      }),
    );

    expect(calls).toBe(2);
    expect(zombieError).toMatchObject({ name: 'OutboxTransactionCanceledError' });
    expect(h.warnings).toContainEqual(expect.objectContaining({ error: expect.any(ClaimTakenOverError) }));
    expect(h.dead).toHaveLength(0);
    expect(events.Items).toHaveLength(1);
  });
});
