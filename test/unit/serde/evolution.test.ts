import { describe, expect, it } from 'vitest';
import { createSerde } from '../../../functions/lib/serde/index.js';
import { InMemoryRegistry } from './in-memory-registry.js';
import { orderPlaced, schemaFile } from './samples.js';

const v1 = { type: 'AVRO', definition: schemaFile('schemas/orders/order-placed.v1.avsc') } as const;
const current = { type: 'AVRO', definition: schemaFile('schemas/orders/order-placed.avsc') } as const;
const { currency: _added, ...orderPlacedV1 } = orderPlaced;

describe('Avro schema evolution', () => {
  it('reads a record written with order-placed v1 into the current schema, filling the defaulted field', async () => {
    const client = new InMemoryRegistry('confluent');
    const serde = createSerde({
      registry: { kind: 'confluent', url: 'http://unused' },
      client,
      autoRegister: true,
    });
    const bytes = await serde.encode(orderPlacedV1, { topic: 'orders.order.placed', schema: v1 });

    const plain = await serde.decode(bytes);
    const resolved = await serde.decode(bytes, { readerSchema: current.definition });

    expect(plain.value).toEqual(orderPlacedV1);
    expect(resolved.value).toEqual({
      ...orderPlacedV1,
      currency: 'EUR',
      customerEmail: null,
      shippingAddress: null,
    });
  });

  it('reads records of both versions into the current schema in one batch', async () => {
    const client = new InMemoryRegistry('glue');
    const serde = createSerde({
      registry: { kind: 'glue', registryName: 'test' },
      client,
      autoRegister: true,
    });
    const old = await serde.encode(orderPlacedV1, { topic: 'orders.order.placed', schema: v1 });
    const now = await serde.encode(
      { ...orderPlaced, currency: 'USD' },
      { topic: 'orders.order.placed', schema: current },
    );

    const values = await Promise.all(
      [old, now, old].map(
        async (bytes) => (await serde.decode(bytes, { readerSchema: current.definition })).value,
      ),
    );

    expect(values.map((v) => (v as { currency: string }).currency)).toEqual(['EUR', 'USD', 'EUR']);
  });

  it('says which schemas cannot be resolved instead of decoding garbage', async () => {
    const client = new InMemoryRegistry('confluent');
    const serde = createSerde({
      registry: { kind: 'confluent', url: 'http://unused' },
      client,
      autoRegister: true,
    });
    const bytes = await serde.encode(orderPlacedV1, { topic: 'orders.order.placed', schema: v1 });
    const incompatible = JSON.stringify({
      type: 'record',
      name: 'OrderPlaced',
      namespace: 'dev.eventline.orders',
      fields: [{ name: 'channel', type: 'string' }],
    });

    await expect(serde.decode(bytes, { readerSchema: incompatible })).rejects.toMatchObject({
      name: 'SchemaDefinitionError',
      retryable: false,
    });
  });
});
