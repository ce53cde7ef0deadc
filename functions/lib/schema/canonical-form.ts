import { avroNormalizedString } from './avro-canonical.js';
import { sortedJsonText } from './json-canonical.js';
import { protobufStructure } from './protobuf-structure.js';
import type { SchemaType } from './types.js';

/** A schema as a registry holds it: its format and its text. */
export interface SchemaText {
  readonly type: SchemaType;
  readonly definition: string;
}

/**
 * The form two schemas share when they differ only in layout: Confluent's normalized Avro
 * (key order, whitespace, `{"type":"string"}` versus `"string"`, full names), JSON Schema with
 * sorted keys, and the parsed Protobuf structure (whitespace and comments gone). Undefined when
 * the text does not parse, since an unparsable text has no form to compare.
 */
export function canonicalForm(schema: SchemaText): string | undefined {
  try {
    if (schema.type === 'AVRO') return avroNormalizedString(schema.definition);
    if (schema.type === 'JSON') return sortedJsonText(schema.definition);
  } catch {
    return undefined;
  }
  const result = protobufStructure(schema.definition);
  return result.ok ? sortedJsonText(result.structure) : undefined;
}

/**
 * Whether two schemas are the same schema written differently; texts that do not parse are
 * the same only when equal character for character.
 */
export function sameSchema(a: SchemaText, b: SchemaText): boolean {
  if (a.type !== b.type) return false;
  if (a.definition === b.definition) return true;
  const left = canonicalForm(a);
  return left !== undefined && left === canonicalForm(b);
}
