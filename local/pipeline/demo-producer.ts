import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Producer } from 'kafkajs';
import { v7 as uuidv7 } from 'uuid';
import { EnvelopeHeaders } from '../../functions/lib/envelope/index.js';
import type { OutboxWriter } from '../../functions/lib/outbox/index.js';
import type { PiiScan } from './pii-scan.js';
import { runPrefixHeader } from './run-identity.js';
import type { PipelineStats } from './stats.js';

export interface DemoProducerOptions {
  readonly outbox: OutboxWriter;
  readonly dynamodb: DynamoDBClient;
  /** The demo order service's own table: the domain write that commits with each event. */
  readonly orderServiceTable: string;
  /** Produces the injected poison records straight to Kafka, past the outbox (a rogue producer). */
  readonly kafkaProducer: Producer;
  readonly runId: string;
  /** The local pipeline's prefix, put on every record as the run-prefix header. */
  readonly prefix: string;
  /** Orders per second. */
  readonly rate: number;
  /** Stop after this many orders; unbounded when absent. */
  readonly orders?: number;
  /** Share of orders followed by one poison record on orders.order.cancelled. @default 0 */
  readonly poisonRate?: number;
  readonly stats: PipelineStats;
  /** Told each order's PII in clear, so the run can look for it where only ciphertext belongs. */
  readonly pii: PiiScan;
  readonly signal: AbortSignal;
}

/** The poison kinds the demo injects, and the DLQ reason each must end with. */
const poisonKinds = [
  { reason: 'deserialization', bytes: () => Buffer.from('not a framed record') },
  // Confluent framing with a schema id no registry has.
  { reason: 'schema-not-found', bytes: () => Buffer.from([0x00, 0x7f, 0xff, 0xff, 0xf0, 0x02, 0x41]) },
] as const;

export const orderIdOf = (runId: string, n: number) => `${runId}-o${String(n).padStart(6, '0')}`;

/**
 * Places orders through the outbox at a steady rate: each order is one transaction with
 * OrderPlaced, then one with OrderPaid, both with the order service's own write. With a poison
 * rate, some orders are followed by a record no consumer can read, to watch the DLQ work.
 */
export async function runDemoProducer(options: DemoProducerOptions): Promise<void> {
  const { signal } = options;
  const started = Date.now();
  const inFlight = new Set<Promise<void>>();
  const poisonEvery =
    options.poisonRate && options.poisonRate > 0 ? Math.max(1, Math.round(1 / options.poisonRate)) : 0;
  for (let n = 0; options.orders === undefined || n < options.orders; n++) {
    if (signal.aborted) break;
    const due = started + (n * 1000) / options.rate;
    const wait = due - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    while (inFlight.size >= 16) await Promise.race(inFlight);
    if (n === options.stats.warmupOrders && n > 0) options.stats.warmedUp();
    const order = placeAndPay(options, n).then(async () => {
      if (poisonEvery > 0 && n % poisonEvery === poisonEvery - 1)
        await injectPoison(options, n, Math.floor(n / poisonEvery));
    });
    const tracked = order.finally(() => inFlight.delete(tracked));
    inFlight.add(tracked);
  }
  await Promise.all(inFlight);
}

async function placeAndPay(options: DemoProducerOptions, n: number): Promise<void> {
  const orderId = orderIdOf(options.runId, n);
  const now = Date.now();
  const lines = [{ sku: `sku-${n % 17}`, quantity: 1 + (n % 3), unitPriceCents: 1250 }];
  const totalCents = lines.reduce((sum, l) => sum + l.quantity * l.unitPriceCents, 0);
  // PII-tagged fields: example.com addresses, so a leak found in a test is clearly demo data.
  const pii = {
    customerEmail: `customer-${n % 97}@example.com`,
    shippingAddress: `${1 + (n % 200)} Demo Street, ${1000 + (n % 89)} Exampletown`,
  };
  options.pii.placed(orderId, pii);
  await options.outbox.write({
    writes: [
      {
        Put: {
          TableName: options.orderServiceTable,
          Item: { orderId: { S: orderId }, status: { S: 'PLACED' }, totalCents: { N: String(totalCents) } },
          ConditionExpression: 'attribute_not_exists(orderId)',
        },
      },
    ],
    events: [
      {
        eventType: 'OrderPlaced',
        aggregateId: orderId,
        headers: { [runPrefixHeader]: options.prefix },
        payload: {
          orderId,
          customerId: `customer-${n % 97}`,
          lines,
          totalCents,
          currency: 'EUR',
          placedAt: now,
          ...pii,
        },
      },
    ],
  });
  options.stats.ordersPlaced++;
  options.stats.eventsWritten++;
  await options.outbox.write({
    writes: [
      {
        Update: {
          TableName: options.orderServiceTable,
          Key: { orderId: { S: orderId } },
          UpdateExpression: 'SET #s = :paid',
          ConditionExpression: '#s = :placed',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: { ':paid': { S: 'PAID' }, ':placed': { S: 'PLACED' } },
        },
      },
    ],
    events: [
      {
        eventType: 'OrderPaid',
        aggregateId: orderId,
        headers: { [runPrefixHeader]: options.prefix },
        payload: { orderId, paymentId: `payment-${n}`, amountCents: totalCents, paidAt: Date.now() },
      },
    ],
  });
  options.stats.eventsWritten++;
}

/**
 * The `index`-th poison record picks its kind by that index, not by the count injected so far:
 * orders run side by side, and two injections reading the count at once picked the same kind.
 */
async function injectPoison(options: DemoProducerOptions, n: number, index: number): Promise<void> {
  const kind = poisonKinds[index % poisonKinds.length] as (typeof poisonKinds)[number];
  const key = `${options.runId}-poison${String(n).padStart(6, '0')}`;
  await options.kafkaProducer.send({
    // The topic only the order projection reads: each poison record is dead-lettered once, not once per group.
    topic: 'orders.order.cancelled',
    acks: -1,
    messages: [
      {
        key,
        value: kind.bytes(),
        headers: {
          [EnvelopeHeaders.eventId]: uuidv7(),
          [EnvelopeHeaders.eventType]: 'OrderCancelled',
          [EnvelopeHeaders.aggregateType]: 'Order',
          [EnvelopeHeaders.aggregateId]: key,
          [EnvelopeHeaders.occurredAt]: new Date().toISOString(),
          [EnvelopeHeaders.source]: 'poison-injector',
          [runPrefixHeader]: options.prefix,
        },
      },
    ],
  });
  options.stats.poisonInjected++;
  options.stats.add(options.stats.poisonByReason, kind.reason);
}
