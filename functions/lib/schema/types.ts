// The schema vocabulary shared by the serde, the registry clients, the registry service, the
// manifest and the compatibility checks; it lives apart so that none of them owns the others'.

/** The schema formats a registry stores, spelled as Confluent's `schemaType` field. */
export const SchemaTypes = { avro: 'AVRO', json: 'JSON', protobuf: 'PROTOBUF' } as const;
export type SchemaType = (typeof SchemaTypes)[keyof typeof SchemaTypes];

/** Confluent's compatibility levels (Glue's are mapped onto these by the Glue adapter). */
export const CompatibilityLevels = [
  'BACKWARD',
  'BACKWARD_TRANSITIVE',
  'FORWARD',
  'FORWARD_TRANSITIVE',
  'FULL',
  'FULL_TRANSITIVE',
  'NONE',
] as const;
export type CompatibilityLevel = (typeof CompatibilityLevels)[number];

/** How a subject name is derived from a topic and a record (Confluent's naming strategies). */
export type SubjectStrategy = 'TopicName' | 'RecordName' | 'TopicRecordName';
