import { DecryptCommand, EncryptCommand, type KMSClient } from '@aws-sdk/client-kms';
import { FieldEncryptionError, KekAccessDeniedError } from './errors.js';

/** Wraps and unwraps DEKs with a KEK. */
export interface KekCipher {
  wrap(kmsKeyId: string, dek: Buffer): Promise<Buffer>;
  unwrap(kmsKeyId: string, wrapped: Buffer): Promise<Buffer>;
}

/** KMS errors that mean "this role may not use the key", not "try again". */
const DENIED = new Set([
  'AccessDeniedException',
  'AccessDenied',
  'KMSInvalidStateException',
  'DisabledException',
]);
/** KMS errors that heal by retrying. */
const TRANSIENT = new Set(['ThrottlingException', 'KMSInternalException', 'DependencyTimeoutException']);

/**
 * The AWS KMS KEK as Tink's AWS KMS AEAD uses it (Confluent's `aws-kms` type): the DEK is the
 * plaintext of a KMS Encrypt on the key id, with no encryption context (empty associated data).
 */
export function awsKmsKek(client: KMSClient): KekCipher {
  return {
    async wrap(kmsKeyId, dek) {
      try {
        const out = await client.send(new EncryptCommand({ KeyId: kmsKeyId, Plaintext: dek }));
        return Buffer.from(out.CiphertextBlob as Uint8Array);
      } catch (error) {
        throw translate(error, kmsKeyId, 'Encrypt');
      }
    },
    async unwrap(kmsKeyId, wrapped) {
      try {
        const out = await client.send(new DecryptCommand({ KeyId: kmsKeyId, CiphertextBlob: wrapped }));
        return Buffer.from(out.Plaintext as Uint8Array);
      } catch (error) {
        throw translate(error, kmsKeyId, 'Decrypt');
      }
    },
  };
}

function translate(error: unknown, kmsKeyId: string, operation: 'Encrypt' | 'Decrypt'): Error {
  const name = (error as { name?: string }).name ?? '';
  if (DENIED.has(name)) return new KekAccessDeniedError(kmsKeyId, operation, { cause: error });
  return new FieldEncryptionError(`KMS ${operation} on ${kmsKeyId} failed: ${(error as Error).message}`, {
    cause: error,
    retryable: TRANSIENT.has(name) || (error as { $retryable?: unknown }).$retryable !== undefined,
  });
}
