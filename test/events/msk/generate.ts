/**
 * Regenerates the sample events of this folder: `npx tsx test/events/msk/generate.ts`.
 * Avro bytes come from avsc with the manifest's OrderPaid schema, framed as DESIGN.md §3 says.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import avro from 'avsc';
import { buildMskEvent, type SourceRecord } from './build.js';
import { MskSamples } from './load.js';

const topic = 'orders.order.paid';
const schema = avro.Type.forSchema(
  JSON.parse(readFileSync(new URL('../../../schemas/orders/order-paid.avsc', import.meta.url), 'utf8')),
);
const confluentSchemaId = 1;
const glueSchemaVersionId = '5f0f7d1c-7a4e-4c1b-9d55-0c7f3e2a9b10';

function paid(n: number) {
  return {
    orderId: `order-${n}`,
    paymentId: `payment-${n}`,
    amountCents: 1250 * n,
    paidAt: Date.UTC(2026, 10, 24, 12, 0, n),
  };
}

function envelope(n: number): [string, Buffer][] {
  const text: [string, string][] = [
    ['event-id', `0196b0a0-0000-7000-8000-00000000000${n}`],
    ['event-type', 'OrderPaid'],
    ['aggregate-type', 'Order'],
    ['aggregate-id', `order-${n}`],
    ['occurred-at', new Date(Date.UTC(2026, 10, 24, 12, 0, n)).toISOString()],
    ['source', 'payments'],
  ];
  return text.map(([name, value]) => [name, Buffer.from(value)]);
}

function confluent(payload: Buffer): Buffer {
  const header = Buffer.alloc(5);
  header.writeUInt8(0, 0);
  header.writeInt32BE(confluentSchemaId, 1);
  return Buffer.concat([header, payload]);
}

function glue(payload: Buffer): Buffer {
  return Buffer.concat([
    Buffer.from([0x03, 0x00]),
    Buffer.from(glueSchemaVersionId.replaceAll('-', ''), 'hex'),
    payload,
  ]);
}

function record(
  n: number,
  partition: number,
  offset: number,
  value: Buffer,
  extra: Partial<SourceRecord> = {},
) {
  return {
    topic,
    partition,
    offset,
    timestamp: Date.UTC(2026, 10, 24, 12, 0, n),
    key: Buffer.from(`order-${n}`),
    value,
    headers: envelope(n),
    ...extra,
  } satisfies SourceRecord;
}

const samples: Record<string, ReturnType<typeof buildMskEvent>> = {
  [MskSamples.confluentAvro]: buildMskEvent([
    record(1, 0, 10, confluent(schema.toBuffer(paid(1)))),
    record(2, 0, 11, confluent(schema.toBuffer(paid(2)))),
    record(3, 1, 7, confluent(schema.toBuffer(paid(3)))),
  ]),
  [MskSamples.glueAvro]: buildMskEvent(
    [record(1, 0, 10, glue(schema.toBuffer(paid(1)))), record(2, 3, 4, glue(schema.toBuffer(paid(2))))],
    { eventSource: 'SelfManagedKafka' },
  ),
  [MskSamples.schemaRegistryJson]: buildMskEvent([
    record(1, 0, 10, Buffer.from(JSON.stringify(paid(1))), {
      valueSchemaMetadata: { dataFormat: 'AVRO', schemaId: String(confluentSchemaId) },
    }),
  ]),
};

for (const [name, event] of Object.entries(samples)) {
  writeFileSync(new URL(name, import.meta.url), `${JSON.stringify(event, null, 2)}\n`);
}
