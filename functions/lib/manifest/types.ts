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
}

export interface ManifestTopic {
  readonly name: string;
  readonly dlq: string;
  readonly eventType: string;
  readonly aggregateType: string;
  readonly partitions: number;
  readonly replicationFactor?: number;
  /** Consumer time lag (seconds) above which a consumer group of the topic alarms. @default 300 */
  readonly maxLagSeconds: number;
  readonly config: Readonly<Record<string, string>>;
  readonly value: ManifestSchema;
  readonly key?: ManifestSchema;
}

export interface Manifest {
  readonly glueRegistryName: string;
  readonly subjectStrategy: SubjectStrategy;
  readonly topics: readonly ManifestTopic[];
  /** Topics deleted on purpose (the deploy deletes each and its .dlq while empty). @default [] */
  readonly retiredTopics?: readonly string[];
  /** Topic of an event type; throws UnknownEventTypeError when the manifest has none. */
  topicForEvent(eventType: string): ManifestTopic;
  topic(name: string): ManifestTopic;
}
