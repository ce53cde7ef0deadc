/** A field and its tags (often none), by its path from the top-level record or message. */
export interface FieldTags {
  /** Dotted field names from the root; `[]` steps into array items, `{}` into map values (`lines[].sku`). */
  readonly path: string;
  readonly tags: readonly string[];
}

/** Confluent's property name for field tags in Avro and JSON Schema. */
export const confluentTagsProperty = 'confluent:tags';

/** Confluent's tag for personal data, the one the ENCRYPT rule applies to by default. */
export const piiTag = 'PII';

/** `parent.child`, or `child` at the root. */
export function childPath(parent: string, child: string): string {
  return parent === '' ? child : `${parent}.${child}`;
}

/** The string tags of a `confluent:tags` value; anything else has none. */
export function tagList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((tag): tag is string => typeof tag === 'string') : [];
}
