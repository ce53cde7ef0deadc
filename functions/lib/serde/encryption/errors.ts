import { SerdeError } from '../errors.js';

/**
 * A field-level encryption failure. Retryable when the cause may heal (KMS or the DEK registry
 * throttled or unreachable); not when the configuration or the data is wrong.
 */
export class FieldEncryptionError extends SerdeError {}

/** KMS refused this role the KEK: a consumer without decrypt rights keeps the ciphertext. */
export class KekAccessDeniedError extends FieldEncryptionError {
  constructor(
    readonly kmsKeyId: string,
    operation: 'Encrypt' | 'Decrypt',
    options?: { cause?: unknown },
  ) {
    super(
      `KMS denied kms:${operation} on ${kmsKeyId}: grant the role kms:${operation} on the KEK (infra/stacks/consumers.ts \`decrypt\` for a consumer)`,
      options,
    );
  }
}

/** A ciphertext whose DEK version, length or tag does not check out. */
export class CiphertextError extends FieldEncryptionError {}
