import {
  DescribeTableCommand,
  type DynamoDBClient,
  GetItemCommand,
  ResourceNotFoundException,
} from '@aws-sdk/client-dynamodb';
import { v7 as uuidv7 } from 'uuid';
import type { Manifest } from '../../functions/lib/manifest/index.js';
import { createOutboxWriter } from '../../functions/lib/outbox/index.js';
import { SmokeError } from './errors.js';
import type { SmokeTargets } from './targets.js';

export interface SmokeOptions {
  readonly dynamodb: DynamoDBClient;
  readonly manifest: Manifest;
  readonly targets: SmokeTargets;
  /** Give up on a leg after this long. @default 60_000 */
  readonly timeoutMs?: number;
  /** How often the read side is polled; also the resolution of the read-side figures. @default 50 */
  readonly pollMs?: number;
  /** Called as each leg completes, for a live report. */
  readonly onLeg?: (leg: SmokeLeg) => void;
}

/** One leg of the smoke order's journey, timed from the outbox commit that started it. */
export interface SmokeLeg {
  readonly name: string;
  readonly description: string;
  readonly ms: number;
}

export interface SmokeResult {
  readonly orderId: string;
  readonly legs: readonly SmokeLeg[];
}

/**
 * Places one order through the outbox (OrderPlaced, then OrderPaid, each in its own transaction as
 * the order service would) and waits until the order projection shows both events and the
 * fulfilment consumer has recorded its request (which commits FulfilmentRequested through the
 * outbox in the same transaction). Throws SmokeError naming the first leg that did not arrive.
 */
export async function runSmoke(options: SmokeOptions): Promise<SmokeResult> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  const pollMs = options.pollMs ?? 50;
  const { dynamodb, targets } = options;
  const outbox = createOutboxWriter({
    client: dynamodb,
    tableName: targets.outboxTable,
    manifest: options.manifest,
    source: 'eventline-smoke',
  });
  await assertTablesExist(dynamodb, targets);
  const orderId = `smoke-${uuidv7()}`;
  const legs: SmokeLeg[] = [];
  const record = (leg: SmokeLeg) => {
    legs.push(leg);
    options.onLeg?.(leg);
  };
  const lines = [{ sku: 'smoke-sku', quantity: 1, unitPriceCents: 100 }];

  const placedAt = Date.now();
  await outbox.write({
    events: [
      {
        eventType: 'OrderPlaced',
        aggregateId: orderId,
        payload: {
          orderId,
          customerId: 'smoke',
          lines,
          totalCents: 100,
          currency: 'EUR',
          placedAt,
          customerEmail: 'smoke@example.com',
          shippingAddress: '1 Smoke Street, 1000 Exampletown',
        },
      },
    ],
  });
  record({
    name: 'outbox.placed',
    description: 'OrderPlaced committed to the outbox',
    ms: Date.now() - placedAt,
  });
  const paidAt = Date.now();
  await outbox.write({
    events: [
      {
        eventType: 'OrderPaid',
        aggregateId: orderId,
        payload: { orderId, paymentId: `smoke-payment-${orderId}`, amountCents: 100, paidAt },
      },
    ],
  });
  record({ name: 'outbox.paid', description: 'OrderPaid committed to the outbox', ms: Date.now() - paidAt });

  const deadline = placedAt + timeoutMs;
  const poll = async (what: string, probe: () => Promise<boolean>): Promise<number> => {
    for (;;) {
      if (await probe()) return Date.now();
      if (Date.now() > deadline) {
        throw new SmokeError(
          `order ${orderId}: ${what} did not happen within ${timeoutMs / 1000}s (legs done: ${legs.map((l) => l.name).join(', ')})`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  };
  const item = async (table: string) =>
    (
      await dynamodb.send(
        new GetItemCommand({ TableName: table, Key: { orderId: { S: orderId } }, ConsistentRead: true }),
      )
    ).Item;

  const projectedPlaced = await poll('the projection of OrderPlaced', async () => {
    const found = await item(targets.readModelTable);
    return found?.placedAt !== undefined;
  });
  record({
    name: 'projection.placed',
    description: 'outbox → relay → MSK → order-projection: the read model shows the order',
    ms: projectedPlaced - placedAt,
  });
  const projectedPaid = await poll('the projection of OrderPaid', async () => {
    const found = await item(targets.readModelTable);
    return found?.paidAt !== undefined;
  });
  record({
    name: 'projection.paid',
    description: 'the read model shows the payment',
    ms: projectedPaid - paidAt,
  });
  const fulfilled = await poll(
    'the fulfilment request',
    async () => (await item(targets.fulfilmentTable)) !== undefined,
  );
  record({
    name: 'fulfilment',
    description: 'fulfilment recorded its request and FulfilmentRequested in one transaction',
    ms: fulfilled - paidAt,
  });
  return { orderId, legs };
}

/** A missing table means nothing runs there: say so before writing an order nobody will read. */
async function assertTablesExist(dynamodb: DynamoDBClient, targets: SmokeTargets): Promise<void> {
  for (const table of [targets.outboxTable, targets.readModelTable, targets.fulfilmentTable]) {
    try {
      await dynamodb.send(new DescribeTableCommand({ TableName: table }));
    } catch (error) {
      if (!(error instanceof ResourceNotFoundException)) throw error;
      throw new SmokeError(
        `${targets.source}: table ${table} does not exist; deploy the stack, or start the local pipeline (npm start) with that prefix first`,
        { cause: error },
      );
    }
  }
}
