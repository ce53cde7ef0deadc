import type { CompatibilityLevel, SchemaType, SubjectStrategy } from '../schema/index.js';

/** A schema file of the manifest, with its text loaded. */
export interface ManifestSchema {
  /** Path relative to the schemas folder. */
  readonly file: string;
  readonly type: SchemaType;
  /** The schema text as registered (Avro JSON, JSON Schema, or .proto source). */
  readonly definition: string;
  /** Fully qualified Protobuf message name (Protobuf only). */
  readonly message?: string;
  readonly compatibility: CompatibilityLevel;
  /** Field-level encryption of tagged fields; absent when the schema's fields are stored as written. */
  readonly encryption?: ManifestEncryption;
  /** PII tags dropped on purpose, each with the decision that allows it. @default [] */
  readonly piiDecisions: readonly PiiDecision[];
}

/** How sensitive a topic's records are, from least to most. */
export const Classifications = ['public', 'internal', 'confidential', 'restricted'] as const;
export type Classification = (typeof Classifications)[number];

/** The ENCRYPT rule a schema's tagged fields get (Confluent's field-level encryption). */
export interface ManifestEncryption {
  /** A `governance.keks` name. */
  readonly kek: string;
  /** Field tags the rule encrypts. @default ['PII'] */
  readonly tags: readonly string[];
  /** Days after which a new DEK is created (Confluent's `encrypt.dek.expiry.days`); none: never. */
  readonly dekExpiryDays?: number;
}

/** A PII tag removed from a field on purpose. */
export interface PiiDecision {
  /** The field's path as the tag extractors print it (`shippingAddress.street`). */
  readonly field: string;
  /** Why, and who decided. */
  readonly decision: string;
}

/** A key-encryption key the topics may name. */
export interface ManifestKek {
  readonly name: string;
  readonly description?: string;
}

/** Who reviews what beyond each topic's owner, and the KEKs the topics may use. */
export interface ManifestGovernance {
  /** CODEOWNERS team that must also review every schema with a PII-tagged field. */
  readonly privacyTeam: string;
  /** @default [] */
  readonly keks: readonly ManifestKek[];
}

export interface ManifestTopic {
  readonly name: string;
  readonly dlq: string;
  readonly eventType: string;
  readonly aggregateType: string;
  /** The owning team (a CODEOWNERS handle such as `@eventline/orders`). */
  readonly owner: string;
  readonly classification: Classification;
  /** How long the topic keeps records; its `retention.ms` in `config` is derived from it. */
  readonly retentionDays: number;
  readonly partitions: number;
  readonly replicationFactor?: number;
  /** Consumer time lag (seconds) above which a consumer group of the topic alarms. @default 300 */
  readonly maxLagSeconds: number;
  /** Kafka topic configs, `retention.ms` (from retentionDays) included. */
  readonly config: Readonly<Record<string, string>>;
  readonly value: ManifestSchema;
  readonly key?: ManifestSchema;
}

export interface Manifest {
  readonly glueRegistryName: string;
  readonly subjectStrategy: SubjectStrategy;
  readonly governance: ManifestGovernance;
  readonly topics: readonly ManifestTopic[];
  /** Topics deleted on purpose (the deploy deletes each and its .dlq while empty). @default [] */
  readonly retiredTopics?: readonly string[];
  /** Topic of an event type; throws UnknownEventTypeError when the manifest has none. */
  topicForEvent(eventType: string): ManifestTopic;
  topic(name: string): ManifestTopic;
}
