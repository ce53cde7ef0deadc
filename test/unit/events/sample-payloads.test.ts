import avro from 'avsc';
import protobuf from 'protobufjs';
import { describe, expect, it } from 'vitest';
import { loadManifest } from '../../../functions/lib/manifest/index.js';
import { createSerde, valueEncodeOptions } from '../../../functions/lib/serde/index.js';
import { SAMPLE_INSTANT, samplePayload, UnsupportedSampleError } from '../../../local/events/index.js';
import { avroSample, jsonSchemaSample, protobufSample } from '../../../local/events/sample/index.js';
import { InMemoryRegistry } from '../serde/in-memory-registry.js';

const manifest = loadManifest();

describe('samplePayload', () => {
  it.each(manifest.topics.map((t) => [t.name, t.value.type] as const))(
    '%s (%s): the sample encodes through the serde in both framings and decodes to itself',
    async (name) => {
      const topic = manifest.topic(name);
      const sample = samplePayload(topic.value);

      for (const kind of ['confluent', 'glue'] as const) {
        const registry =
          kind === 'glue'
            ? ({ kind, registryName: 'samples' } as const)
            : ({ kind, url: 'http://registry.invalid' } as const);
        const serde = createSerde({ registry, client: new InMemoryRegistry(kind), autoRegister: true });
        // encode validates (avsc isValid, ajv, the Protobuf field check) and throws on a bad value.
        const bytes = await serde.encode(sample, valueEncodeOptions(topic));
        const decoded = await serde.decode(bytes);
        expect(JSON.parse(JSON.stringify(decoded.value))).toEqual(JSON.parse(JSON.stringify(sample)));
      }
    },
  );

  it('is deterministic and changes only ids between sample numbers', () => {
    const topic = manifest.topic('orders.order.placed');

    const first = samplePayload(topic.value, 1);
    const again = samplePayload(topic.value, 1);
    const third = samplePayload(topic.value, 3) as Record<string, unknown>;

    expect(again).toEqual(first);
    expect(third).toMatchObject({ orderId: 'order-0003', customerId: 'customer-0003', currency: 'EUR' });
    expect(third.placedAt).toBe(SAMPLE_INSTANT);
  });
});

describe('avroSample', () => {
  it('uses defaults, the first enum symbol, a non-null union branch and wraps ambiguous unions', () => {
    const type = avro.Type.forSchema({
      type: 'record',
      name: 'Shipment',
      fields: [
        { name: 'shipmentId', type: 'string' },
        { name: 'carrier', type: 'string', default: 'DHL' },
        { name: 'status', type: { type: 'enum', name: 'Status', symbols: ['READY', 'GONE'] } },
        { name: 'note', type: ['null', 'string'], default: null },
        { name: 'weight', type: ['null', 'int', 'long'], default: null },
        { name: 'tags', type: { type: 'map', values: 'boolean' } },
      ],
    });

    const sample = avroSample(type, 2);

    expect(sample).toEqual({
      shipmentId: 'shipment-0002',
      carrier: 'DHL',
      status: 'READY',
      note: 'sample note',
      weight: { int: 1 },
      tags: { key: true },
    });
    expect(type.isValid(sample)).toBe(true);
  });

  it('ends a recursive record at its optional branch and refuses bytes', () => {
    const tree = avro.Type.forSchema({
      type: 'record',
      name: 'Node',
      fields: [
        { name: 'label', type: 'string' },
        { name: 'next', type: ['null', 'Node'], default: null },
      ],
    });
    expect(avroSample(tree)).toEqual({ label: 'sample label', next: null });

    const blob = avro.Type.forSchema({
      type: 'record',
      name: 'Blob',
      fields: [{ name: 'data', type: 'bytes' }],
    });
    expect(() => avroSample(blob)).toThrow(new UnsupportedSampleError('Avro bytes', 'data'));
  });
});

describe('jsonSchemaSample', () => {
  it('follows local references, enums, formats, bounds and examples', () => {
    const schema = {
      $defs: { money: { type: 'integer', minimum: 5000 } },
      type: 'object',
      properties: {
        invoiceId: { type: 'string', format: 'uuid' },
        contact: { type: 'string', format: 'email' },
        code: { type: 'string', minLength: 20 },
        total: { $ref: '#/$defs/money' },
        state: { enum: ['open', 'paid'] },
        region: { type: 'string', examples: ['eu-west-1'] },
        lines: { type: 'array', minItems: 2, items: { type: ['null', 'number'] } },
      },
    };

    expect(jsonSchemaSample(schema, 7)).toEqual({
      invoiceId: '00000000-0000-4000-8000-000000000007',
      contact: 'user-0007@example.com',
      code: 'sample codexxxxxxxxx',
      total: 5000,
      state: 'open',
      region: 'eu-west-1',
      lines: [1, 1],
    });
  });

  it('takes the first oneOf branch, merges allOf objects and keeps within exclusive bounds', () => {
    const schema = {
      type: 'object',
      properties: {
        payment: {
          oneOf: [{ type: 'object', properties: { cardId: { type: 'string' } } }, { type: 'null' }],
        },
        audit: {
          allOf: [
            { type: 'object', properties: { createdBy: { type: 'string' } } },
            { type: 'object', properties: { createdAt: { type: 'string', format: 'date-time' } } },
          ],
        },
        level: { type: 'integer', exclusiveMaximum: 0 },
      },
    };

    expect(jsonSchemaSample(schema)).toEqual({
      payment: { cardId: 'card-0001' },
      audit: { createdBy: 'sample created by', createdAt: new Date(SAMPLE_INSTANT).toISOString() },
      level: -1,
    });
  });

  it('refuses a pattern it cannot satisfy, naming where', () => {
    const schema = { type: 'object', properties: { sku: { type: 'string', pattern: '^[A-Z]{3}$' } } };
    expect(() => jsonSchemaSample(schema)).toThrow(
      new UnsupportedSampleError('the pattern ^[A-Z]{3}$', 'sku'),
    );
  });
});

describe('protobufSample', () => {
  it('fills repeated fields, maps, nested messages, one oneof member and a non-zero enum value', () => {
    const root = protobuf.parse(
      `syntax = "proto3";
       message Line { string sku = 1; int32 quantity = 2; }
       message Basket {
         string basket_id = 1;
         repeated Line lines = 2;
         map<string, int64> counts = 3;
         oneof contact { string email = 4; string phone = 5; }
         enum Kind { KIND_UNSPECIFIED = 0; GIFT = 1; }
         Kind kind = 6;
         Basket parent = 7;
       }`,
      { keepCase: true },
    ).root;
    const type = root.lookupType('Basket');

    const sample = protobufSample(type, 5);

    expect(sample).toEqual({
      basket_id: 'basket-0005',
      lines: [{ sku: 'SKU-0005', quantity: 1 }],
      counts: { key: '1' },
      email: 'user-0005@example.com',
      kind: 'GIFT',
    });
    expect(type.verify(type.fromObject(sample))).toBeNull();
  });
});
