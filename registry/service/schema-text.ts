import { createHash } from 'node:crypto';
import { Ajv } from 'ajv';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { InvalidAvroSchemaError, parseAvroSource } from '../../functions/lib/compat/index.js';
import {
  avroCanonicalString,
  avroNormalizedString,
  type SchemaType,
  sortKeys,
} from '../../functions/lib/schema/index.js';
import { fail } from '../errors.js';
import type { SchemaReference } from '../store/index-table.js';
import { protobufStructure } from './protobuf-text.js';
import type { ResolvedReference } from './request-body.js';

/** AWS Glue refuses schema definitions longer than this. */
export const glueMaxDefinitionLength = 170_000;

/** A schema as the service keeps and compares it. */
export interface PreparedSchema {
  /** The text stored and served: Confluent's canonical string (or normalized one with `normalize`). */
  readonly text: string;
  /** Content identity behind an id: type, canonical content and references. */
  readonly identity: string;
  /** A form equal for schemas Confluent's lookup treats as the same (its `canLookup`). */
  readonly equivalence: string;
}

/**
 * Checks the text is a valid schema of its type (with its references) and computes what
 * Confluent 7.9 keys it by: Avro's canonical string (Avro Java's `Schema.toString()`), compact
 * JSON for JSON Schema, the parsed structure for Protobuf; `normalize` stores the normalized
 * form instead. Protobuf text is stored as given (Confluent reprints it), its identity ignores
 * whitespace and comments all the same.
 */
export function prepareSchema(
  type: SchemaType,
  text: string,
  references: readonly ResolvedReference[],
  normalize = false,
): PreparedSchema {
  if (text.length > glueMaxDefinitionLength) {
    throw fail.invalidSchema(
      `the schema is ${text.length} characters; AWS Glue's limit is ${glueMaxDefinitionLength}`,
    );
  }
  if (type === 'PROTOBUF') {
    const structure = protobufStructure(text, references);
    const equivalence = JSON.stringify(sortKeys(JSON.parse(structure)));
    return { text, identity: identityOf(type, normalize ? equivalence : structure, references), equivalence };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw fail.invalidSchema(`not JSON: ${(error as Error).message}`);
  }
  if (type === 'AVRO') {
    validateAvro(text, references);
    const equivalence = avroNormalizedString(text, referencedAvroNames(references));
    const stored = normalize ? equivalence : avroCanonicalString(text);
    return { text: stored, identity: identityOf(type, stored, references), equivalence };
  }
  validateJsonSchema(parsed, references);
  const equivalence = JSON.stringify(sortKeys(parsed));
  const stored = normalize ? equivalence : JSON.stringify(parsed);
  return { text: stored, identity: identityOf(type, stored, references), equivalence };
}

function identityOf(type: SchemaType, canonical: string, references: readonly SchemaReference[]): string {
  const refs = references.map((ref) => [ref.name, ref.subject, ref.version]);
  return createHash('sha256')
    .update(JSON.stringify([type, canonical, refs]))
    .digest('hex');
}

/** Confluent's normalizer writes types defined by references as bare full names. */
function referencedAvroNames(references: readonly ResolvedReference[]): string[] {
  return references.flatMap((ref) => {
    const parsed = JSON.parse(ref.schema) as { name?: unknown; namespace?: unknown };
    if (typeof parsed !== 'object' || parsed === null || typeof parsed.name !== 'string') return [];
    const { name, namespace } = parsed;
    return [
      name.includes('.') || typeof namespace !== 'string' || !namespace ? name : `${namespace}.${name}`,
    ];
  });
}

function validateAvro(text: string, references: readonly ResolvedReference[]): void {
  try {
    parseAvroSource({ definition: text, references: references.map((ref) => ref.schema) });
  } catch (error) {
    if (error instanceof InvalidAvroSchemaError) throw fail.invalidSchema(error.message);
    throw error;
  }
}

function validateJsonSchema(parsed: unknown, references: readonly ResolvedReference[]): void {
  if (
    typeof parsed !== 'boolean' &&
    (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
  ) {
    throw fail.invalidSchema('a JSON Schema is an object or a boolean');
  }
  const dialect = typeof parsed === 'object' ? String((parsed as { $schema?: unknown }).$schema ?? '') : '';
  const options = { strict: false, allErrors: false, validateFormats: false } as const;
  const ajv = dialect.includes('2020-12')
    ? new Ajv2020(options)
    : dialect.includes('2019-09')
      ? new Ajv2019(options)
      : new Ajv(options);
  try {
    for (const ref of references) ajv.addSchema(JSON.parse(ref.schema) as object, ref.name);
    ajv.compile(parsed as object);
  } catch (error) {
    throw fail.invalidSchema(`invalid JSON Schema: ${(error as Error).message}`);
  }
}
