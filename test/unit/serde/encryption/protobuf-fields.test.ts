import { describe, expect, it } from 'vitest';
import {
  DekKeyring,
  type EncryptTarget,
  FieldEncryptor,
  fieldPlan,
  type KekCipher,
  MemoryDekRegistry,
} from '../../../../functions/lib/serde/encryption/index.js';
import { parseProto } from '../../../../functions/lib/serde/index.js';

const definition = `syntax = "proto3";
package demo;
import "confluent/meta.proto";

message Customer {
  string id = 1;
  string email = 2 [(confluent.field_meta).tags = "PII"];
  bytes photo = 3 [(confluent.field_meta) = { tags: ["PII"] }];
  Address home = 4;
  repeated Address others = 5;
  map<string, Address> byName = 6;
}

message Address {
  string street = 1 [(confluent.field_meta).tags = "PII"];
  string city = 2;
}
`;
const target: EncryptTarget = {
  type: 'PROTOBUF',
  definition,
  subject: 'demo.customer-value',
  rule: { tags: ['PII'], kekName: 'k', kmsKeyId: 'arn:aws:kms:us-east-1:1:key/k', dekExpiryDays: 0 },
};
const customer = {
  id: 'c-1',
  email: 'ada@example.com',
  photo: Buffer.from([1, 2, 3]),
  home: { street: '1 Main St', city: 'Lyon' },
  others: [{ street: '2 Side St', city: 'Nice' }],
  byName: { work: { street: '3 Office Rd', city: 'Paris' } },
};
const copying: KekCipher = { wrap: async (_id, dek) => dek, unwrap: async (_id, dek) => dek };

describe('Protobuf field encryption', () => {
  it('plans the tagged string and bytes fields of the first message, nested, repeated and map values too', () => {
    expect(fieldPlan('PROTOBUF', definition, ['PII'])).toEqual({
      kind: 'record',
      fields: [
        ['email', { kind: 'leaf', leaf: 'string', path: 'email' }],
        ['photo', { kind: 'leaf', leaf: 'bytes', path: 'photo' }],
        [
          'home',
          { kind: 'record', fields: [['street', { kind: 'leaf', leaf: 'string', path: 'home.street' }]] },
        ],
        [
          'others',
          {
            kind: 'array',
            items: {
              kind: 'record',
              fields: [['street', { kind: 'leaf', leaf: 'string', path: 'others[].street' }]],
            },
          },
        ],
        [
          'byName',
          {
            kind: 'map',
            values: {
              kind: 'record',
              fields: [['street', { kind: 'leaf', leaf: 'string', path: 'byName{}.street' }]],
            },
          },
        ],
      ],
    });
  });

  it('encrypts the tagged fields so the record still encodes with its schema, and decrypts them back', async () => {
    const registry = new MemoryDekRegistry();
    const encryptor = new FieldEncryptor(new DekKeyring({ registry, kek: copying }));
    const type = parseProto(definition).root.lookupType('demo.Customer');

    const sealed = (await encryptor.encrypt(customer, target)) as typeof customer;
    const decodedAgain = type.toObject(type.decode(type.encode(type.fromObject(sealed)).finish()), {
      bytes: Buffer,
    });
    const opened = await new FieldEncryptor(new DekKeyring({ registry, kek: copying })).decrypt(
      sealed,
      target,
    );

    expect(sealed.id).toBe('c-1');
    expect(sealed.home.city).toBe('Lyon');
    for (const value of [
      sealed.email,
      sealed.home.street,
      sealed.others[0]?.street,
      sealed.byName.work?.street,
    ]) {
      expect(Buffer.from(value as string, 'base64').length).toBeGreaterThan(28);
    }
    expect(Buffer.isBuffer(sealed.photo) && sealed.photo.length).toBe(3 + 28);
    expect(type.verify(sealed)).toBeNull();
    expect(decodedAgain.email).toBe(sealed.email);
    expect(opened).toEqual(customer);
  });
});
