import { describe, expect, it } from 'vitest';
import { loadManifest } from '../../../functions/lib/manifest/index.js';
import { fieldsTagged, fieldTags } from '../../../functions/lib/schema/tags/index.js';
import { parseProto } from '../../../functions/lib/serde/codecs/protobuf.js';

const avro = JSON.stringify({
  type: 'record',
  name: 'Customer',
  namespace: 'it.tags',
  fields: [
    { name: 'id', type: 'string' },
    { name: 'email', type: ['null', 'string'], default: null, 'confluent:tags': ['PII'] },
    {
      name: 'home',
      type: {
        type: 'record',
        name: 'Address',
        fields: [
          { name: 'street', type: 'string', 'confluent:tags': ['PII', 'ADDRESS'] },
          { name: 'country', type: 'string' },
        ],
      },
    },
    // A second use of Address by name: its tagged field is found under this path too.
    { name: 'work', type: ['null', 'Address'], default: null },
    { name: 'phones', type: { type: 'array', items: { type: 'string' } }, 'confluent:tags': ['PII'] },
    { name: 'notes', type: { type: 'map', values: 'it.tags.Address' } },
  ],
});

const jsonSchema = JSON.stringify({
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  definitions: {
    address: {
      type: 'object',
      properties: { street: { type: 'string', 'confluent:tags': ['PII'] }, country: { type: 'string' } },
    },
  },
  properties: {
    id: { type: 'string' },
    email: { type: 'string', 'confluent:tags': ['PII'] },
    home: { $ref: '#/definitions/address' },
    contacts: { type: 'array', items: { oneOf: [{ $ref: '#/definitions/address' }, { type: 'string' }] } },
  },
});

const proto = `syntax = "proto3";
package it.tags;
import "confluent/meta.proto";

message Customer {
  string id = 1;
  string email = 2 [(confluent.field_meta).tags = "PII"];
  Address home = 3;
  repeated Address previous = 4;
  string note = 5 [(confluent.field_meta) = { doc: "free text", tags: ["PII", "FREE_TEXT"] }];
}

message Address {
  string street = 1 [(confluent.field_meta).tags = "PII"];
  string country = 2;
}
`;

describe('field tags', () => {
  it('finds Avro confluent:tags through records, unions, arrays, maps and named references', () => {
    expect(fieldsTagged({ type: 'AVRO', definition: avro }, 'PII')).toEqual([
      'email',
      'home.street',
      'work.street',
      'phones',
      'notes{}.street',
    ]);
    expect(fieldTags({ type: 'AVRO', definition: avro }).find((f) => f.path === 'home.street')?.tags).toEqual(
      ['PII', 'ADDRESS'],
    );
  });

  it('lists every field, untagged ones with no tags, so a dropped tag can be told from a dropped field', () => {
    const fields = fieldTags({ type: 'AVRO', definition: avro });

    expect(fields.find((f) => f.path === 'id')).toEqual({ path: 'id', tags: [] });
  });

  it('finds JSON Schema confluent:tags through $ref, items and oneOf', () => {
    expect(fieldsTagged({ type: 'JSON', definition: jsonSchema }, 'PII')).toEqual([
      'email',
      'home.street',
      'contacts[].street',
    ]);
  });

  it('finds Protobuf (confluent.field_meta).tags in both option syntaxes, through nested messages', () => {
    const schema = { type: 'PROTOBUF', definition: proto, message: 'it.tags.Customer' } as const;

    expect(fieldsTagged(schema, 'PII')).toEqual(['email', 'home.street', 'previous[].street', 'note']);
    expect(fieldTags(schema).find((f) => f.path === 'note')?.tags).toEqual(['PII', 'FREE_TEXT']);
  });

  it('starts from the named Protobuf message, else the first one', () => {
    expect(fieldsTagged({ type: 'PROTOBUF', definition: proto, message: 'it.tags.Address' }, 'PII')).toEqual([
      'street',
    ]);
    expect(fieldsTagged({ type: 'PROTOBUF', definition: proto }, 'PII')[0]).toBe('email');
  });

  it("resolves confluent/meta.proto in the serde's Protobuf parser without a reference", () => {
    const { root } = parseProto(proto);
    const type = root.lookupType('it.tags.Customer');

    const bytes = type.encode(type.fromObject({ id: 'c-1', email: 'a@example.com' })).finish();

    expect(type.toObject(type.decode(bytes))).toMatchObject({ id: 'c-1', email: 'a@example.com' });
  });

  it('tags the demo OrderPlaced customerEmail and shippingAddress as PII', () => {
    expect(fieldsTagged(loadManifest().topic('orders.order.placed').value, 'PII')).toEqual([
      'customerEmail',
      'shippingAddress',
    ]);
  });
});
