import type { SchemaType } from '../types.js';
import { avroFieldTags } from './avro.js';
import { jsonSchemaFieldTags } from './json-schema.js';
import { protobufFieldTags } from './protobuf.js';
import type { FieldTags } from './types.js';

export { avroFieldTags } from './avro.js';
export { jsonSchemaFieldTags } from './json-schema.js';
export { protobufFieldTags } from './protobuf.js';
export { confluentTagsProperty, type FieldTags, piiTag } from './types.js';

/** A schema's text in one of the three formats, as the manifest and the registries hold it. */
export interface TaggableSchema {
  readonly type: SchemaType;
  readonly definition: string;
  /** Protobuf: the fully qualified message the topic carries (default: the file's first). */
  readonly message?: string;
}

/**
 * Every field of a schema with its tags, whatever the format (Confluent's conventions: Avro and
 * JSON Schema `confluent:tags`, Protobuf `(confluent.field_meta).tags`).
 */
export function fieldTags(schema: TaggableSchema): FieldTags[] {
  if (schema.type === 'PROTOBUF') return protobufFieldTags(schema.definition, schema.message);
  const parsed: unknown = JSON.parse(schema.definition);
  return schema.type === 'AVRO' ? avroFieldTags(parsed) : jsonSchemaFieldTags(parsed);
}

/**
 * Paths of the fields carrying `tag`.
 * @example fieldsTagged(manifest.topic('orders.order.placed').value, 'PII') // ['customerEmail', 'shippingAddress']
 */
export function fieldsTagged(schema: TaggableSchema, tag: string): string[] {
  return fieldTags(schema)
    .filter((field) => field.tags.includes(tag))
    .map((field) => field.path);
}
