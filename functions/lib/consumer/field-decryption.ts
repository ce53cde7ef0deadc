import type { Manifest, ManifestTopic } from '../manifest/types.js';
import type { RegisteredSchema } from '../registry/types.js';
import {
  type EncryptRule,
  type EncryptTarget,
  encryptRuleOf,
  type FieldEncryptor,
  type KmsKeyIds,
  mapFields,
  schemaRecordName,
} from '../serde/encryption/index.js';
import { subjectName } from '../serde/index.js';
import type { DecodedParts } from './decode-record.js';

export interface FieldDecryptionOptions {
  readonly encryptor: FieldEncryptor;
  /**
   * The KMS key ARN of each KEK this function may decrypt with (EVENTLINE_KEK_KEY_ARNS). Fields
   * encrypted under any other KEK stay as they came (or masked): KMS would refuse this role anyway.
   */
  readonly kmsKeyIds: KmsKeyIds;
  /** The writer schema of a decoded record (the serde's `writerSchema`): its ruleSet names the ENCRYPT rule. */
  readonly writerSchema: (schemaId: number | string) => RegisteredSchema | undefined;
  /**
   * Where the rule comes from when the writer schema carries no ruleSet (Apicurio, Glue): the
   * topic's `encryption` declaration. @default none: only registry rule sets count
   */
  readonly manifest?: Manifest;
  /** What the tagged string fields this function may not decrypt read as. @default the ciphertext */
  readonly mask?: string;
}

/** What a (topic, writer schema) pair asks of the consumer; undefined: nothing, the value is clear. */
type Step = { readonly kind: 'decrypt' | 'mask'; readonly target: EncryptTarget };

/**
 * Confluent's ENCRYPT rule on the read side of a consumer: after decode, the tagged fields of a
 * record whose writer schema carries the rule are decrypted when the function holds the KEK, and
 * left as ciphertext (or masked) when it does not. Synchronous while the DEKs are cached, so a
 * warm batch pays no await per record. A retryable failure (KMS throttled, DEK registry down) is
 * thrown for the consumer to retry the record; any other leaves the fields unreadable, never failing.
 */
export class FieldDecryption {
  private readonly steps = new Map<string, Map<number | string | undefined, Step | null>>();

  constructor(private readonly options: FieldDecryptionOptions) {}

  /** The record's parts with its value's tagged fields in clear (or masked); the same parts when none are. */
  apply<V>(topic: string, decoded: DecodedParts<V>): DecodedParts<V> | Promise<DecodedParts<V>> {
    if (decoded.value === null) return decoded;
    const step = this.step(topic, decoded.schemaId);
    if (step === undefined) return decoded;
    const { encryptor } = this.options;
    try {
      if (step.kind === 'mask') return withValue(decoded, this.masked(decoded.value, step.target));
      const warm = encryptor.decryptCached(decoded.value, step.target);
      if (warm !== undefined) return withValue(decoded, warm as V);
    } catch (error) {
      return withValue(decoded, this.unreadable(error, decoded.value, step.target));
    }
    return encryptor.decrypt(decoded.value, step.target).then(
      (clear) => withValue(decoded, clear as V),
      (error: unknown) => withValue(decoded, this.unreadable(error, decoded.value as V, step.target)),
    );
  }

  private step(topic: string, schemaId: number | string | undefined): Step | undefined {
    let byId = this.steps.get(topic);
    if (byId === undefined) {
      byId = new Map();
      this.steps.set(topic, byId);
    }
    let step = byId.get(schemaId);
    if (step === undefined) {
      step = this.resolve(topic, schemaId) ?? null;
      byId.set(schemaId, step);
    }
    return step ?? undefined;
  }

  private resolve(topic: string, schemaId: number | string | undefined): Step | undefined {
    const writer = schemaId === undefined ? undefined : this.options.writerSchema(schemaId);
    const declared = this.manifestTopic(topic);
    const rule = encryptRuleOf(writer?.ruleSet?.domainRules) ?? this.manifestRule(declared);
    const schema = writer ?? declared?.value;
    if (rule === undefined || schema === undefined) return undefined;
    const strategy = this.options.manifest?.subjectStrategy ?? 'TopicName';
    const target: EncryptTarget = {
      type: schema.type,
      definition: schema.definition,
      subject: subjectName(strategy, topic, false, schemaRecordName(schema.type, schema.definition)),
      rule,
    };
    if (rule.kekName in this.options.kmsKeyIds) return { kind: 'decrypt', target };
    return this.options.mask === undefined ? undefined : { kind: 'mask', target };
  }

  private manifestTopic(topic: string): ManifestTopic | undefined {
    return this.options.manifest?.topics.find((candidate) => candidate.name === topic);
  }

  private manifestRule(topic: ManifestTopic | undefined): EncryptRule | undefined {
    const encryption = topic?.value.encryption;
    if (encryption === undefined) return undefined;
    return {
      tags: encryption.tags,
      kekName: encryption.kek,
      kmsKeyId: this.options.kmsKeyIds[encryption.kek] ?? '',
      dekExpiryDays: encryption.dekExpiryDays ?? 0,
    };
  }

  /** A retryable failure propagates (the record is retried); anything else leaves the fields unreadable. */
  private unreadable<V>(error: unknown, value: V, target: EncryptTarget): V {
    if ((error as { retryable?: unknown } | null)?.retryable === true) throw error;
    if (this.options.mask === undefined) return value;
    try {
      return this.masked(value, target);
    } catch {
      // A schema whose tagged fields cannot be planned has nothing to mask.
      return value;
    }
  }

  private masked<V>(value: V, target: EncryptTarget): V {
    const plan = this.options.encryptor.plan(target);
    const mask = this.options.mask as string;
    return plan === undefined
      ? value
      : (mapFields(plan, value, (leaf, kind) => (kind === 'string' ? mask : leaf)) as V);
  }
}

function withValue<V>(decoded: DecodedParts<V>, value: V): DecodedParts<V> {
  return { ...decoded, value };
}
