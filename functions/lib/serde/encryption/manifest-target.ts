import type { ManifestTopic } from '../../manifest/types.js';
import type { SubjectStrategy } from '../../schema/index.js';
import { subjectName } from '../subject-strategy.js';
import { FieldEncryptionError } from './errors.js';
import type { EncryptTarget } from './field-encryptor.js';

/** The KMS key (ARN) behind each manifest KEK name, as the deployment provisions them. */
export type KmsKeyIds = Readonly<Record<string, string>>;

/**
 * What the value of a manifest topic is encrypted with, or undefined when its schema declares no
 * `encryption`. The DEK subject is the value's registry subject under the manifest's strategy.
 * It parses the schema on every call: callers on a hot path keep the result (the outbox writer does).
 */
export function manifestEncryptTarget(
  topic: ManifestTopic,
  strategy: SubjectStrategy,
  kmsKeyIds: KmsKeyIds,
): EncryptTarget | undefined {
  const { value } = topic;
  const encryption = value.encryption;
  if (encryption === undefined) return undefined;
  const kmsKeyId = kmsKeyIds[encryption.kek];
  if (kmsKeyId === undefined) {
    throw new FieldEncryptionError(
      `topic ${topic.name} encrypts with KEK ${encryption.kek}, but no KMS key is configured for it: give its key ARN in kmsKeyIds`,
    );
  }
  return {
    type: value.type,
    definition: value.definition,
    subject: subjectName(strategy, topic.name, false, schemaRecordName(value.type, value.definition)),
    rule: {
      tags: encryption.tags,
      kekName: encryption.kek,
      kmsKeyId,
      dekExpiryDays: encryption.dekExpiryDays ?? 0,
    },
  };
}

/** Avro's full name or JSON Schema's title: what the RecordName strategies name subjects by. */
export function schemaRecordName(type: string, definition: string): string | undefined {
  if (type === 'PROTOBUF') return undefined;
  const schema = JSON.parse(definition) as { name?: string; namespace?: string; title?: string };
  if (type === 'JSON') return schema.title;
  return schema.namespace && !schema.name?.includes('.') ? `${schema.namespace}.${schema.name}` : schema.name;
}
