import { CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  awsKmsKek,
  DekKeyring,
  type EncryptRule,
  type EncryptTarget,
  FieldEncryptor,
  MemoryDekRegistry,
} from '../../../functions/lib/serde/encryption/index.js';
import { createSerde } from '../../../functions/lib/serde/index.js';
import { localClientConfig, localEndpoints, uniqueName } from '../../support/local-aws.js';

const DAY = 24 * 60 * 60 * 1000;
const kms = new KMSClient(localClientConfig('moto'));
const topic = uniqueName('fle.order.placed');
const subject = `${topic}-value`;
const definition = JSON.stringify({
  type: 'record',
  name: 'OrderPlaced',
  fields: [
    { name: 'orderId', type: 'string' },
    { name: 'customerEmail', type: ['null', 'string'], default: null, 'confluent:tags': ['PII'] },
    { name: 'token', type: 'bytes', 'confluent:tags': ['PII'] },
  ],
});
const serde = createSerde({
  registry: { kind: 'confluent', url: localEndpoints.apicurioUrl },
  autoRegister: true,
});
const order = { orderId: 'o-1', customerEmail: 'ada@example.com', token: Buffer.from('card-4242') };

async function newKey(): Promise<string> {
  const out = await kms.send(new CreateKeyCommand({ Description: `eventline ${topic}` }));
  return out.KeyMetadata?.Arn as string;
}

function target(kmsKeyId: string, dekExpiryDays = 0): EncryptTarget {
  const rule: EncryptRule = { tags: ['PII'], kekName: uniqueName('kek'), kmsKeyId, dekExpiryDays };
  return { type: 'AVRO', definition, subject, rule };
}

describe('Field encryption with an AWS KMS KEK (moto)', () => {
  let keyArn: string;
  beforeAll(async () => {
    keyArn = await newKey();
  });

  it('encrypts tagged fields before encoding, so the record bytes hold no plaintext, and decrypts them after decoding', async () => {
    const registry = new MemoryDekRegistry();
    const encryptor = new FieldEncryptor(new DekKeyring({ registry, kek: awsKmsKek(kms) }));
    const on = target(keyArn);

    const sealed = (await encryptor.encrypt(order, on)) as typeof order;
    const bytes = await serde.encode(sealed, { topic, schema: { type: 'AVRO', definition } });
    const decoded = await serde.decode(bytes);
    const reader = new FieldEncryptor(new DekKeyring({ registry, kek: awsKmsKek(kms) }));
    const opened = await reader.decrypt(decoded.value, on);

    expect(bytes.includes('ada@example.com')).toBe(false);
    expect(bytes.includes('card-4242')).toBe(false);
    expect(sealed.orderId).toBe('o-1');
    expect(Buffer.from(sealed.customerEmail, 'base64').length).toBe(12 + 15 + 16);
    expect(opened).toEqual(order);
    expect(registry.keks.get(on.rule.kekName)).toMatchObject({ kmsType: 'aws-kms', kmsKeyId: keyArn });
  });

  it('creates one DEK per KEK and subject and reuses it from the cache', async () => {
    const registry = new MemoryDekRegistry();
    const encryptor = new FieldEncryptor(new DekKeyring({ registry, kek: awsKmsKek(kms) }));
    const on = target(keyArn);

    await Promise.all(Array.from({ length: 20 }, () => encryptor.encrypt(order, on)));
    const warm = encryptor.encryptCached(order, on) as typeof order;

    expect(registry.created).toBe(1);
    expect(warm.customerEmail).not.toBe(order.customerEmail);
    expect(registry.deks.get(`${on.rule.kekName}/${subject}`)?.[0]?.version).toBe(1);
  });

  it('rotates the DEK after encrypt.dek.expiry.days, and still decrypts what the old version encrypted', async () => {
    let now = Date.parse('2026-01-01T00:00:00Z');
    const clock = () => now;
    const registry = new MemoryDekRegistry(clock);
    const encryptor = new FieldEncryptor(new DekKeyring({ registry, kek: awsKmsKek(kms), clock }));
    const on = target(keyArn, 30);

    const first = (await encryptor.encrypt(order, on)) as typeof order;
    now += 31 * DAY;
    const second = (await encryptor.encrypt(order, on)) as typeof order;
    const reader = new FieldEncryptor(new DekKeyring({ registry, kek: awsKmsKek(kms), clock }));

    expect(Buffer.from(first.customerEmail, 'base64').subarray(0, 5)).toEqual(Buffer.from([0, 0, 0, 0, 1]));
    expect(Buffer.from(second.customerEmail, 'base64').subarray(0, 5)).toEqual(Buffer.from([0, 0, 0, 0, 2]));
    expect(second.token.subarray(0, 5)).toEqual(Buffer.from([0, 0, 0, 0, 2]));
    expect(await reader.decrypt(first, on)).toEqual(order);
    expect(await reader.decrypt(second, on)).toEqual(order);
  });
});
