import type { KMSClient } from '@aws-sdk/client-kms';
import { describe, expect, it } from 'vitest';
import {
  awsKmsKek,
  DekKeyring,
  type EncryptTarget,
  FieldEncryptionError,
  FieldEncryptor,
  KekAccessDeniedError,
  MemoryDekRegistry,
} from '../../../../functions/lib/serde/encryption/index.js';

const definition = JSON.stringify({
  type: 'object',
  properties: { id: { type: 'string' }, email: { type: 'string', 'confluent:tags': ['PII'] } },
});
const on: EncryptTarget = {
  type: 'JSON',
  definition,
  subject: 'orders.order.placed-value',
  rule: { tags: ['PII'], kekName: 'orders-pii', kmsKeyId: 'arn:aws:kms:us-east-1:1:key/k', dekExpiryDays: 0 },
};
const event = { id: 'o-1', email: 'ada@example.com' };

/** A KMS that wraps by copying and answers Decrypt with the given error name: the refusals AWS gives. */
function kmsRefusingDecrypt(errorName: string, retryable = false): KMSClient {
  return {
    send: async (command: { constructor: { name: string }; input: { Plaintext?: Uint8Array } }) => {
      if (command.constructor.name === 'EncryptCommand') return { CiphertextBlob: command.input.Plaintext };
      throw Object.assign(new Error(`${errorName} from KMS`), {
        name: errorName,
        ...(retryable ? { $retryable: {} } : {}),
      });
    },
  } as unknown as KMSClient;
}

describe('FieldEncryptor error paths', () => {
  it('translates KMS AccessDenied into KekAccessDeniedError naming the key and the grant', async () => {
    const kek = awsKmsKek(kmsRefusingDecrypt('AccessDeniedException'));

    await expect(kek.unwrap('arn:k', Buffer.from('x'))).rejects.toThrow(KekAccessDeniedError);
    await expect(kek.unwrap('arn:k', Buffer.from('x'))).rejects.toThrow(/kms:Decrypt on arn:k/);
  });

  it('gives a reader without kms:Decrypt the ciphertext, or the mask, and no error', async () => {
    const registry = new MemoryDekRegistry();
    const kms = kmsRefusingDecrypt('AccessDeniedException');
    const sealed = (await new FieldEncryptor(new DekKeyring({ registry, kek: awsKmsKek(kms) })).encrypt(
      event,
      on,
    )) as typeof event;

    const kept = await new FieldEncryptor(new DekKeyring({ registry, kek: awsKmsKek(kms) })).decrypt(
      sealed,
      on,
    );
    const masked = await new FieldEncryptor(new DekKeyring({ registry, kek: awsKmsKek(kms) }), {
      mask: '<PII>',
    }).decrypt(sealed, on);

    expect(sealed.email).not.toBe(event.email);
    expect(kept).toEqual(sealed);
    expect(masked).toEqual({ id: 'o-1', email: '<PII>' });
  });

  it('throws a retryable error when KMS is throttled, so the batch is retried rather than read masked', async () => {
    const registry = new MemoryDekRegistry();
    const kms = kmsRefusingDecrypt('ThrottlingException', true);
    const sealed = await new FieldEncryptor(new DekKeyring({ registry, kek: awsKmsKek(kms) })).encrypt(
      event,
      on,
    );

    const failure = await new FieldEncryptor(new DekKeyring({ registry, kek: awsKmsKek(kms) }))
      .decrypt(sealed, on)
      .catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(FieldEncryptionError);
    expect((failure as FieldEncryptionError).retryable).toBe(true);
  });

  it('refuses to encrypt when the DEK registry holds the KEK under another KMS key', async () => {
    const registry = new MemoryDekRegistry();
    await registry.registerKek({
      name: 'orders-pii',
      kmsType: 'aws-kms',
      kmsKeyId: 'arn:other',
      shared: false,
    });
    const encryptor = new FieldEncryptor(
      new DekKeyring({ registry, kek: awsKmsKek(kmsRefusingDecrypt('AccessDeniedException')) }),
    );

    await expect(encryptor.encrypt(event, on)).rejects.toThrow(/uses KMS key arn:other, the rule says/);
  });
});
