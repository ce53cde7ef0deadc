import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SchemaType } from '../../../functions/lib/manifest/types.js';

const root = join(import.meta.dirname, '..', '..', '..');

export function schemaFile(path: string): string {
  return readFileSync(join(root, path), 'utf8');
}

export interface Sample {
  readonly name: string;
  readonly schema: { readonly type: SchemaType; readonly definition: string };
  readonly message?: string;
  readonly value: unknown;
}

export const orderPlaced = {
  orderId: 'o-1',
  customerId: 'c-7',
  lines: [
    { sku: 'SKU-1', quantity: 2, unitPriceCents: 1250 },
    { sku: 'SKU-2', quantity: 1, unitPriceCents: 999 },
  ],
  totalCents: 3499,
  currency: 'EUR',
  placedAt: 1_767_225_600_000,
};

/** One value per codec, from the orders domain schemas. */
export const samples: readonly Sample[] = [
  {
    name: 'Avro OrderPlaced',
    schema: { type: 'AVRO', definition: schemaFile('schemas/orders/order-placed.avsc') },
    value: orderPlaced,
  },
  {
    name: 'JSON Schema FulfilmentRequested',
    schema: { type: 'JSON', definition: schemaFile('schemas/orders/fulfilment-requested.schema.json') },
    value: { orderId: 'o-1', fulfilmentId: 'f-9', requestedAt: '2026-01-01T00:00:00Z' },
  },
  {
    name: 'Protobuf OrderCancelled',
    schema: { type: 'PROTOBUF', definition: schemaFile('schemas/orders/order-cancelled.proto') },
    message: 'dev.eventline.orders.OrderCancelled',
    value: {
      order_id: 'o-1',
      reason: 'PAYMENT_FAILED',
      note: 'card declined',
      cancelled_at: '1767225600000',
    },
  },
  {
    name: 'Protobuf nested non-first message',
    schema: { type: 'PROTOBUF', definition: schemaFile('test/fixtures/serde/schemas/nesting.proto') },
    message: 'dev.eventline.test.Envelope.Header.Trace',
    value: { trace_id: 't-1', sampled_at: '42' },
  },
];
