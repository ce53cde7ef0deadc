import type { SchemaRule } from '../../registry/data-contract.js';
import { DekAlgorithms } from '../../registry/dek-types.js';

/** Confluent's ENCRYPT rule parameter names (confluent-kafka's encrypt_executor). */
export const EncryptParams = {
  kekName: 'encrypt.kek.name',
  kmsType: 'encrypt.kms.type',
  kmsKeyId: 'encrypt.kms.key.id',
  dekExpiryDays: 'encrypt.dek.expiry.days',
  dekAlgorithm: 'encrypt.dek.algorithm',
} as const;

/** The only DEK algorithm written here; Confluent's default. */
export const DEK_ALGORITHM = DekAlgorithms.aes256Gcm;
export const AWS_KMS = 'aws-kms';

/** An ENCRYPT rule, resolved: which tags, which KEK, how often DEKs rotate. */
export interface EncryptRule {
  readonly tags: readonly string[];
  readonly kekName: string;
  readonly kmsKeyId: string;
  /** 0: one DEK (version 1) for good, ciphertext without a version prefix. */
  readonly dekExpiryDays: number;
}

/**
 * Confluent's ENCRYPT rule for a topic's encryption declaration, as registered with its schema.
 * @example confluentEncryptRule({ tags: ['PII'], kekName: 'orders-pii', kmsKeyId: arn, dekExpiryDays: 30 })
 */
export function confluentEncryptRule(rule: EncryptRule): SchemaRule {
  return {
    name: `encrypt-${rule.tags.map((tag) => tag.toLowerCase()).join('-')}`,
    kind: 'TRANSFORM',
    type: 'ENCRYPT',
    mode: 'WRITEREAD',
    tags: rule.tags,
    params: {
      [EncryptParams.kekName]: rule.kekName,
      [EncryptParams.kmsType]: AWS_KMS,
      [EncryptParams.kmsKeyId]: rule.kmsKeyId,
      ...(rule.dekExpiryDays > 0 ? { [EncryptParams.dekExpiryDays]: String(rule.dekExpiryDays) } : {}),
    },
    // A producer that cannot encrypt must not send plaintext; a reader that cannot decrypt keeps the ciphertext.
    onFailure: 'ERROR,NONE',
  };
}

/** The ENCRYPT rule among a schema's domain rules, if any (a disabled one counts as none). */
export function encryptRuleOf(rules: readonly SchemaRule[] | undefined): EncryptRule | undefined {
  const rule = rules?.find((candidate) => candidate.type === 'ENCRYPT' && candidate.disabled !== true);
  const kekName = rule?.params?.[EncryptParams.kekName];
  const kmsKeyId = rule?.params?.[EncryptParams.kmsKeyId];
  if (rule === undefined || kekName === undefined || kmsKeyId === undefined) return undefined;
  return {
    tags: rule.tags ?? [],
    kekName,
    kmsKeyId,
    dekExpiryDays: Number(rule.params?.[EncryptParams.dekExpiryDays] ?? 0),
  };
}
