import type { KMSClient } from '@aws-sdk/client-kms';
import { describe, expect, it } from 'vitest';
import {
  type ConsumerRecord,
  FieldDecryption,
  kafkaConsumer,
} from '../../../functions/lib/consumer/index.js';
import type { RegisteredSchema } from '../../../functions/lib/registry/index.js';
import {
  awsKmsKek,
  confluentEncryptRule,
  DekKeyring,
  type EncryptRule,
  FieldEncryptor,
  type KekCipher,
  MemoryDekRegistry,
} from '../../../functions/lib/serde/encryption/index.js';
import { buildMskEvent } from '../../events/msk/build.js';
import { collectingDlq, fakeSerde, frame, lambdaContext, memoryStore, silentLogger } from './fakes.js';

const topic = 'orders.order.placed';
const definition = JSON.stringify({
  type: 'object',
  properties: { id: { type: 'string' }, email: { type: 'string', 'confluent:tags': ['PII'] } },
});
const rule: EncryptRule = {
  tags: ['PII'],
  kekName: 'orders-pii',
  kmsKeyId: 'arn:aws:kms:us-east-1:1:key/k',
  dekExpiryDays: 0,
};
/** Schema 1 carries the ENCRYPT rule in its ruleSet, schema 2 is the same schema without one. */
const writers = new Map<number | string, RegisteredSchema>([
  [1, { id: 1, type: 'JSON', definition, ruleSet: { domainRules: [confluentEncryptRule(rule)] } }],
  [2, { id: 2, type: 'JSON', definition }],
]);
const target = { type: 'JSON' as const, definition, subject: `${topic}-value`, rule };
const order = { id: 'o-1', email: 'ada@example.com' };

/** A KEK that wraps by copying; `unwrapFails` makes every unwrap throw it (the KMS refusals). */
function copyingKek(unwrapFails?: () => Error): KekCipher & { unwraps: number } {
  return {
    unwraps: 0,
    async wrap(_id, dek) {
      return dek;
    },
    async unwrap(_id, wrapped) {
      this.unwraps++;
      if (unwrapFails) throw unwrapFails();
      return wrapped;
    },
  };
}

async function sealed(registry: MemoryDekRegistry): Promise<typeof order> {
  return (await new FieldEncryptor(new DekKeyring({ registry, kek: copyingKek() })).encrypt(
    order,
    target,
  )) as typeof order;
}

function decryption(
  registry: MemoryDekRegistry,
  kek: KekCipher,
  options: { kmsKeyIds?: Record<string, string>; mask?: string } = {},
): FieldDecryption {
  return new FieldDecryption({
    encryptor: new FieldEncryptor(new DekKeyring({ registry, kek })),
    kmsKeyIds: options.kmsKeyIds ?? { 'orders-pii': rule.kmsKeyId },
    writerSchema: (id) => writers.get(id),
    ...(options.mask ? { mask: options.mask } : {}),
  });
}

describe('FieldDecryption', () => {
  it('decrypts the tagged fields with a KEK the function holds, synchronously once the DEK is warm', async () => {
    const registry = new MemoryDekRegistry();
    const value = await sealed(registry);
    const kek = copyingKek();
    const step = decryption(registry, kek);

    const cold = step.apply(topic, { key: 'o-1', value, schemaId: 1 });
    const coldValue = (await cold).value;
    const warm = step.apply(topic, { key: 'o-1', value, schemaId: 1 });

    expect(value.email).not.toBe(order.email);
    expect(cold).toBeInstanceOf(Promise);
    expect(coldValue).toEqual(order);
    expect(warm).not.toBeInstanceOf(Promise);
    expect(warm).toMatchObject({ key: 'o-1', schemaId: 1, value: order });
    expect(kek.unwraps).toBe(1);
  });

  it('leaves the ciphertext, or the mask, for a KEK the function does not hold, asking KMS nothing', async () => {
    const registry = new MemoryDekRegistry();
    const value = await sealed(registry);
    const kek = copyingKek();

    const kept = decryption(registry, kek, { kmsKeyIds: {} }).apply(topic, { key: 'k', value, schemaId: 1 });
    const masked = decryption(registry, kek, { kmsKeyIds: {}, mask: '****' }).apply(topic, {
      key: 'k',
      value,
      schemaId: 1,
    });

    expect(kept).toMatchObject({ value });
    expect(masked).toMatchObject({ value: { id: 'o-1', email: '****' } });
    expect(kek.unwraps).toBe(0);
  });

  it('gives the ciphertext back when KMS denies the KEK, and no error', async () => {
    const registry = new MemoryDekRegistry();
    const value = await sealed(registry);
    const denied = {
      send: async () => {
        throw Object.assign(new Error('not allowed'), { name: 'AccessDeniedException' });
      },
    } as unknown as KMSClient;

    const decoded = await decryption(registry, awsKmsKek(denied)).apply(topic, {
      key: 'k',
      value,
      schemaId: 1,
    });

    expect(decoded.value).toEqual(value);
  });

  it('touches nothing of a writer schema without an ENCRYPT rule', () => {
    const registry = new MemoryDekRegistry();
    const value = { id: 'o-2', email: 'plain@example.com' };

    expect(decryption(registry, copyingKek()).apply(topic, { key: 'k', value, schemaId: 2 })).toMatchObject({
      value,
    });
  });
});

describe('Consumer with field decryption', () => {
  function consumer(step: FieldDecryption) {
    const dlq = collectingDlq();
    const seen: unknown[] = [];
    const handle = kafkaConsumer({
      consumerGroup: 'fulfilment',
      serde: fakeSerde,
      dlq,
      idempotency: memoryStore(),
      logger: silentLogger,
      decryption: step,
      handler: async (record: ConsumerRecord) => {
        seen.push(record.value);
      },
    });
    return { handle, dlq, seen };
  }

  function batch(value: unknown) {
    return buildMskEvent([
      {
        topic,
        partition: 0,
        offset: 7,
        timestamp: 1_790_000_000_000,
        key: Buffer.from('o-1'),
        value: frame(value, 1),
        headers: [['event-id', Buffer.from('e-7')]],
      },
    ]);
  }

  it('hands the handler the decrypted value', async () => {
    const registry = new MemoryDekRegistry();
    const { handle, seen } = consumer(decryption(registry, copyingKek()));

    const response = await handle(batch(await sealed(registry)), lambdaContext());

    expect(response).toEqual({ batchItemFailures: [] });
    expect(seen).toEqual([order]);
  });

  it('retries the record, not dead-letters it, when KMS is throttled', async () => {
    const registry = new MemoryDekRegistry();
    const throttled = {
      send: async () => {
        throw Object.assign(new Error('slow down'), { name: 'ThrottlingException' });
      },
    } as unknown as KMSClient;
    const { handle, dlq, seen } = consumer(decryption(registry, awsKmsKek(throttled)));

    const response = await handle(batch(await sealed(registry)), lambdaContext());

    expect(response).toEqual({
      batchItemFailures: [{ itemIdentifier: { partition: `${topic}-0`, offset: 7 } }],
    });
    expect(dlq.messages).toHaveLength(0);
    expect(seen).toHaveLength(0);
  });
});
