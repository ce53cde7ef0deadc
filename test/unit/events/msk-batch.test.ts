import { describe, expect, it } from 'vitest';
import { parseMskEvent } from '../../../functions/lib/consumer/index.js';
import { envelopeFromHeaders } from '../../../functions/lib/envelope/index.js';
import { loadManifest } from '../../../functions/lib/manifest/index.js';
import { createSerde } from '../../../functions/lib/serde/index.js';
import { assignPositions, generateMskBatch, samplePayload } from '../../../local/events/index.js';
import { InMemoryRegistry } from '../serde/in-memory-registry.js';

const topic = loadManifest().topic('orders.order.paid');

function serde() {
  return createSerde({
    registry: { kind: 'confluent', url: 'http://registry.invalid' },
    client: new InMemoryRegistry('confluent'),
    autoRegister: true,
  });
}

describe('generateMskBatch', () => {
  it('holds every payload once, keyed and placed as the relay would, with envelope headers and encoded values', async () => {
    const payloads = [1, 2, 3, 4, 5, 6, 7].map((n) => samplePayload(topic.value, n) as { orderId: string });
    const records = payloads.map((payload) => ({ payload, key: payload.orderId }));
    const codec = serde();
    const now = new Date('2026-03-01T00:00:00.000Z');

    const event = await generateMskBatch(records, codec, {
      topic,
      bootstrapServers: '127.0.0.1:9092',
      startOffset: 10,
      now,
    });

    const parsed = parseMskEvent(event).partitions.flatMap((p) => [...p.records]);
    const expected = assignPositions(
      records.map((r) => r.key),
      { partitions: topic.partitions, startOffset: 10 },
    );
    const byKey = new Map(parsed.map((r) => [r.key?.toString(), r]));
    expect(byKey.size).toBe(7);
    for (const [i, record] of records.entries()) {
      const got = byKey.get(record.key);
      expect([got?.topic, got?.partition, got?.offset]).toEqual([
        topic.name,
        expected[i]?.partition,
        expected[i]?.offset,
      ]);
      expect(got?.timestamp).toBe(now.getTime() + i);
      expect((await codec.decode(got?.value as Buffer)).value).toEqual(record.payload);
      expect(envelopeFromHeaders(got?.headerMap ?? {})).toMatchObject({
        eventType: 'OrderPaid',
        aggregateType: 'Order',
        aggregateId: record.key,
        occurredAt: new Date(now.getTime() + i).toISOString(),
        source: 'eventline-cli',
      });
    }
    expect(new Set(parsed.map((r) => r.headerMap['event-id']?.toString())).size).toBe(7);
    expect(Object.keys(event.records).sort()).toEqual(
      [...new Set(expected.map((p) => `${topic.name}-${p.partition}`))].sort(),
    );
  });

  it('puts every record on a fixed partition at consecutive offsets', async () => {
    const records = [1, 2, 3].map((n) => ({ payload: samplePayload(topic.value, n), key: `order-${n}` }));

    const event = await generateMskBatch(records, serde(), {
      topic,
      bootstrapServers: '127.0.0.1:9092',
      partition: 5,
    });

    expect(Object.keys(event.records)).toEqual(['orders.order.paid-5']);
    expect(event.records['orders.order.paid-5']?.map((r) => r.offset)).toEqual([0, 1, 2]);
  });

  it('names the record of a batch that does not match the schema', async () => {
    const records = [
      { payload: samplePayload(topic.value, 1), key: 'order-1' },
      { payload: { orderId: 'order-2' }, key: 'order-2' },
    ];

    await expect(
      generateMskBatch(records, serde(), { topic, bootstrapServers: '127.0.0.1:9092' }),
    ).rejects.toThrow(/^record 2 \(key order-2\) does not encode: /);
  });
});
