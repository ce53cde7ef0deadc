/** Field-level encryption compatible with Confluent's ENCRYPT rule (AES256_GCM DEKs, AWS KMS KEKs). */

export { type DataKey, DekKeyring, type DekKeyringOptions } from './dek-keyring.js';
export { type DekRegistry, httpDekRegistry, type NewDek } from './dek-registry.js';
export { CiphertextError, FieldEncryptionError, KekAccessDeniedError } from './errors.js';
export { type EncryptTarget, FieldEncryptor, type FieldEncryptorOptions } from './field-encryptor.js';
export { type FieldPlan, fieldPlan, mapFields } from './field-plan.js';
export { awsKmsKek, type KekCipher } from './kms-kek.js';
export { type KmsKeyIds, manifestEncryptTarget, schemaRecordName } from './manifest-target.js';
export { MemoryDekRegistry } from './memory-dek-registry.js';
export {
  AWS_KMS,
  confluentEncryptRule,
  DEK_ALGORITHM,
  EncryptParams,
  type EncryptRule,
  encryptRuleOf,
} from './rule.js';
