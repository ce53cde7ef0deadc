import type { MskTriggerEvent } from '../../../functions/lib/consumer/index.js';
import type { Envelope } from '../../../functions/lib/envelope/index.js';
import type { ManifestTopic } from '../../../functions/lib/manifest/index.js';
import { type MskSample, MskSamples } from './load.js';
import type { SampleTopic } from './sample-schemas.js';

/** How a sample's values are put on the wire. */
export const SampleFramings = {
  confluent: 'confluent',
  glue: 'glue',
  /** Plain JSON with `valueSchemaMetadata`: what the event source mapping's registry integration delivers. */
  esmJson: 'esm-json',
} as const;
export type SampleFraming = (typeof SampleFramings)[keyof typeof SampleFramings];

export interface SampleRecord {
  /** The order number: key `order-<n>`, event id and timestamps derive from it. */
  readonly n: number;
  readonly partition: number;
  readonly offset: number;
  /** The payload as the serde decodes it (Protobuf int64 as a decimal string, enums by name). */
  readonly value: unknown;
}

export interface MskSampleSpec {
  readonly topic: SampleTopic;
  readonly framing: SampleFraming;
  readonly eventSource: MskTriggerEvent['eventSource'];
  readonly records: readonly SampleRecord[];
}

/** When an order's event happened: placed at 11:00:n, paid at 12:00:n, cancelled at 13:00:n. */
export function occurredAt(topic: SampleTopic, n: number): number {
  const hour = { 'orders.order.placed': 11, 'orders.order.paid': 12, 'orders.order.cancelled': 13 }[topic];
  return Date.UTC(2026, 10, 24, hour, 0, n);
}

const eventIdBlocks: Readonly<Record<SampleTopic, string>> = {
  'orders.order.paid': '8000',
  'orders.order.placed': '8001',
  'orders.order.cancelled': '8002',
};
const sources: Readonly<Record<SampleTopic, string>> = {
  'orders.order.placed': 'orders',
  'orders.order.paid': 'payments',
  'orders.order.cancelled': 'orders',
};

/**
 * The envelope of order n's event on a topic. Event ids differ per topic (an idempotent consumer
 * must not take OrderPaid for a duplicate of OrderPlaced) and are the same for one event in
 * both framings.
 */
export function sampleEnvelope(topic: ManifestTopic, n: number): Envelope {
  const name = topic.name as SampleTopic;
  return {
    eventId: `0196b0a0-0000-7000-${eventIdBlocks[name]}-${n.toString(16).padStart(12, '0')}`,
    eventType: topic.eventType,
    aggregateType: topic.aggregateType,
    aggregateId: `order-${n}`,
    occurredAt: new Date(occurredAt(name, n)).toISOString(),
    source: sources[name],
  };
}

function placed(n: number) {
  return {
    orderId: `order-${n}`,
    customerId: `customer-${n}`,
    lines: [
      { sku: 'SKU-MUG', quantity: n, unitPriceCents: 1000 },
      { sku: 'SKU-TEA', quantity: 1, unitPriceCents: 250 * n },
    ],
    totalCents: 1250 * n,
    currency: 'EUR',
    placedAt: occurredAt('orders.order.placed', n),
    customerEmail: `customer-${n}@example.com`,
    shippingAddress: `${n} Sample Street, 1000 Springfield`,
  };
}

function paid(n: number) {
  return {
    orderId: `order-${n}`,
    paymentId: `payment-${n}`,
    amountCents: 1250 * n,
    paidAt: occurredAt('orders.order.paid', n),
  };
}

function cancelled(n: number, reason: string, note: string) {
  return {
    order_id: `order-${n}`,
    reason,
    note,
    cancelled_at: String(occurredAt('orders.order.cancelled', n)),
  };
}

/** What each sample holds: the generator writes these, the tests check the files against them. */
export const MskSampleSpecs: Readonly<Record<MskSample, MskSampleSpec>> = {
  [MskSamples.confluentAvro]: {
    topic: 'orders.order.paid',
    framing: 'confluent',
    eventSource: 'aws:kafka',
    records: [
      { n: 1, partition: 0, offset: 10, value: paid(1) },
      { n: 2, partition: 0, offset: 11, value: paid(2) },
      { n: 3, partition: 1, offset: 7, value: paid(3) },
    ],
  },
  [MskSamples.glueAvro]: {
    topic: 'orders.order.paid',
    framing: 'glue',
    eventSource: 'SelfManagedKafka',
    records: [
      { n: 1, partition: 0, offset: 10, value: paid(1) },
      { n: 2, partition: 3, offset: 4, value: paid(2) },
    ],
  },
  [MskSamples.schemaRegistryJson]: {
    topic: 'orders.order.paid',
    framing: 'esm-json',
    eventSource: 'aws:kafka',
    records: [{ n: 1, partition: 0, offset: 10, value: paid(1) }],
  },
  [MskSamples.orderPlacedConfluent]: {
    topic: 'orders.order.placed',
    framing: 'confluent',
    eventSource: 'aws:kafka',
    records: [
      { n: 1, partition: 0, offset: 20, value: placed(1) },
      { n: 2, partition: 0, offset: 21, value: placed(2) },
      { n: 3, partition: 1, offset: 5, value: placed(3) },
    ],
  },
  [MskSamples.orderPlacedGlue]: {
    topic: 'orders.order.placed',
    framing: 'glue',
    eventSource: 'SelfManagedKafka',
    records: [
      { n: 1, partition: 0, offset: 20, value: placed(1) },
      { n: 2, partition: 3, offset: 2, value: placed(2) },
    ],
  },
  [MskSamples.orderCancelledConfluent]: {
    topic: 'orders.order.cancelled',
    framing: 'confluent',
    eventSource: 'aws:kafka',
    records: [
      // proto3 defaults: an empty note is not on the wire and decodes as ''.
      { n: 2, partition: 0, offset: 4, value: cancelled(2, 'OUT_OF_STOCK', '') },
      { n: 3, partition: 1, offset: 2, value: cancelled(3, 'CUSTOMER_REQUEST', 'ordered twice') },
    ],
  },
  [MskSamples.orderCancelledGlue]: {
    topic: 'orders.order.cancelled',
    framing: 'glue',
    eventSource: 'SelfManagedKafka',
    records: [{ n: 3, partition: 1, offset: 2, value: cancelled(3, 'CUSTOMER_REQUEST', 'ordered twice') }],
  },
};
