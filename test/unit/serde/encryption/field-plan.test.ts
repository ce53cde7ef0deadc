import { describe, expect, it } from 'vitest';
import { FieldEncryptionError } from '../../../../functions/lib/serde/encryption/errors.js';
import {
  type FieldPlan,
  mapFields,
  fieldPlan as planOrNone,
} from '../../../../functions/lib/serde/encryption/field-plan.js';

const address = {
  type: 'record',
  name: 'Address',
  fields: [
    { name: 'street', type: 'string', 'confluent:tags': ['PII'] },
    { name: 'country', type: 'string' },
  ],
};
const avroOrder = JSON.stringify({
  type: 'record',
  name: 'OrderPlaced',
  namespace: 'orders',
  fields: [
    { name: 'orderId', type: 'string' },
    { name: 'customerEmail', type: ['null', 'string'], default: null, 'confluent:tags': ['PII'] },
    { name: 'shippingAddress', type: ['null', address], default: null },
    { name: 'billingAddress', type: ['null', 'orders.Address'], default: null },
    { name: 'notes', type: { type: 'array', items: 'string' }, 'confluent:tags': ['INTERNAL'] },
    { name: 'token', type: 'bytes', 'confluent:tags': ['PII'] },
  ],
});

/** The plan, asserted present: these schemas all carry a wanted tag. */
function fieldPlan(...args: Parameters<typeof planOrNone>): FieldPlan {
  const plan = planOrNone(...args);
  if (plan === undefined) throw new Error('no tagged field found');
  return plan;
}

const upper = (leaf: string | Buffer) => (typeof leaf === 'string' ? leaf.toUpperCase() : Buffer.from('B'));

describe('fieldPlan', () => {
  it('finds tagged Avro fields through optional unions and named type references', () => {
    const plan = fieldPlan('AVRO', avroOrder, ['PII']);
    const order = {
      orderId: 'o-1',
      customerEmail: 'ada@example.com',
      shippingAddress: { street: 'rue a', country: 'fr' },
      billingAddress: { street: 'rue b', country: 'fr' },
      notes: ['n'],
      token: Buffer.from('t'),
    };

    const out = mapFields(plan, order, upper);

    expect(out).toEqual({
      orderId: 'o-1',
      customerEmail: 'ADA@EXAMPLE.COM',
      shippingAddress: { street: 'RUE A', country: 'fr' },
      billingAddress: { street: 'RUE B', country: 'fr' },
      notes: ['n'],
      token: Buffer.from('B'),
    });
    expect(order.customerEmail).toBe('ada@example.com');
  });

  it('leaves null and absent optional fields alone', () => {
    const plan = fieldPlan('AVRO', avroOrder, ['PII']);

    expect(mapFields(plan, { orderId: 'o', customerEmail: null, token: Buffer.from('t') }, upper)).toEqual({
      orderId: 'o',
      customerEmail: null,
      token: Buffer.from('B'),
    });
  });

  it('applies to arrays whose field carries the tag', () => {
    const plan = fieldPlan('AVRO', avroOrder, ['INTERNAL']);

    expect(mapFields(plan, { notes: ['a', 'b'] }, upper)).toEqual({ notes: ['A', 'B'] });
  });

  it('finds tagged JSON Schema properties, nested and optional', () => {
    const schema = JSON.stringify({
      type: 'object',
      properties: {
        email: { type: 'string', 'confluent:tags': ['PII'] },
        phone: { oneOf: [{ type: 'null' }, { type: 'string' }], 'confluent:tags': ['PII'] },
        address: {
          type: 'object',
          properties: { city: { type: ['string', 'null'], 'confluent:tags': ['PII'] } },
        },
        total: { type: 'number' },
      },
    });

    const plan = fieldPlan('JSON', schema, ['PII']);

    expect(mapFields(plan, { email: 'a@b', phone: 'p', address: { city: 'c' }, total: 1 }, upper)).toEqual({
      email: 'A@B',
      phone: 'P',
      address: { city: 'C' },
      total: 1,
    });
  });

  it('is undefined when no field carries the tag', () => {
    expect(planOrNone('AVRO', avroOrder, ['SECRET'])).toBeUndefined();
  });

  it('refuses a tag on a field that cannot hold ciphertext, naming it', () => {
    const schema = JSON.stringify({
      type: 'record',
      name: 'R',
      fields: [{ name: 'age', type: 'int', 'confluent:tags': ['PII'] }],
    });

    expect(() => planOrNone('AVRO', schema, ['PII'])).toThrow(/field age .* Avro int/);
    const proto = `syntax = "proto3";
import "confluent/meta.proto";
message R { int32 age = 1 [(confluent.field_meta).tags = "PII"]; }`;
    expect(() => planOrNone('PROTOBUF', proto, ['PII'])).toThrow(FieldEncryptionError);
    expect(() => planOrNone('PROTOBUF', proto, ['PII'])).toThrow(/field age .* Protobuf int32/);
  });
});
