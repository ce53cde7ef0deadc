import type { ManifestSchema } from '../../functions/lib/manifest/index.js';
import { fieldsTagged, fieldTags, piiTag } from '../../functions/lib/schema/tags/index.js';
import type { SchemaType } from '../../functions/lib/schema/types.js';
import { isSerializedDescriptor } from '../../functions/lib/serde/index.js';

/** A version as a registry returns it. */
export interface RegisteredSchema {
  readonly type: SchemaType;
  readonly definition: string;
  readonly version?: number;
}

/** Fields tagged PII must travel encrypted: the topic's schema needs an encryption rule covering the tag. */
export function piiWithoutEncryption(topic: string, schema: ManifestSchema): string[] {
  const pii = fieldsTagged(schema, piiTag);
  if (pii.length === 0 || schema.encryption?.tags.includes(piiTag)) return [];
  const how = schema.encryption
    ? `add "${piiTag}" to its "encryption.tags"`
    : `add "encryption": { "kek": "<a governance.keks name>", "tags": ["${piiTag}"] } to its entry in manifest.json`;
  return [
    `PII_NOT_ENCRYPTED: ${pii.join(', ')} ${pii.length === 1 ? 'is' : 'are'} tagged ${piiTag} but topic "${topic}" (${schema.file}) has no encryption rule for ${piiTag}, so the values would reach the outbox and Kafka in clear: ${how}, or remove the tag from a field that holds no personal data`,
  ];
}

/**
 * A field that keeps existing but loses its PII tag against the latest registered version would
 * silently stop being encrypted and reviewed; allowed only with a recorded piiDecisions entry.
 * A field removed altogether takes its data with it and is left to the compatibility check.
 */
export function droppedPiiTags(topic: string, schema: ManifestSchema, latest: RegisteredSchema): string[] {
  // A base64 descriptor (as confluent-kafka registers Protobuf) keeps no option text to read tags from.
  if (latest.type !== schema.type || isSerializedDescriptor(latest.definition)) return [];
  const before = fieldsTagged({ ...latest, ...(schema.message ? { message: schema.message } : {}) }, piiTag);
  const now = new Map(fieldTags(schema).map((field) => [field.path, field.tags]));
  const decided = new Set(schema.piiDecisions.map((decision) => decision.field));
  const dropped = before.filter((path) => {
    const tags = now.get(path);
    return tags !== undefined && !tags.includes(piiTag) && !decided.has(path);
  });
  return dropped.map(
    (path) =>
      `PII_TAG_DROPPED: field ${path} of ${schema.file} is tagged ${piiTag} in registered version ${latest.version ?? '(latest)'} but not any more, so it would stop being encrypted: put the tag back, or record the decision in manifest.json under topic "${topic}" "piiDecisions": [{ "field": "${path}", "decision": "<why, and who decided>" }]`,
  );
}

/**
 * Every governance refusal of one manifest schema, each naming why and how to fix it.
 * @param versions the subject's registered versions (none when it is new)
 */
export function governanceRefusals(
  topic: string,
  schema: ManifestSchema,
  versions: readonly RegisteredSchema[],
): string[] {
  const latest = versions.reduce<RegisteredSchema | undefined>(
    (found, v) => (found === undefined || (v.version ?? 0) >= (found.version ?? 0) ? v : found),
    undefined,
  );
  return [...piiWithoutEncryption(topic, schema), ...(latest ? droppedPiiTags(topic, schema, latest) : [])];
}
