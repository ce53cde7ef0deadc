import { createHash } from 'node:crypto';
import { Ajv } from 'ajv';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { Ajv2020 } from 'ajv/dist/2020.js';
import protobuf from 'protobufjs';
import { InvalidAvroSchemaError, parseAvroSource } from '../../functions/lib/compat/index.js';
import type { SchemaType } from '../../functions/lib/manifest/types.js';
import { fail } from '../errors.js';
import type { SchemaReference } from '../store/index-table.js';

/** AWS Glue refuses schema definitions longer than this. */
export const glueMaxDefinitionLength = 170_000;

/** A referenced schema, resolved to its text. */
export interface ResolvedReference extends SchemaReference {
  readonly schema: string;
}

/**
 * Checks the text is a valid schema of its type (with its references) and returns the form
 * the service stores: compact JSON for Avro and JSON Schema, the source as given for Protobuf.
 */
export function normalizeSchema(
  type: SchemaType,
  text: string,
  references: readonly ResolvedReference[],
): string {
  if (text.length > glueMaxDefinitionLength) {
    throw fail.invalidSchema(
      `the schema is ${text.length} characters; AWS Glue's limit is ${glueMaxDefinitionLength}`,
    );
  }
  if (type === 'PROTOBUF') {
    validateProtobuf(text, references);
    return text;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw fail.invalidSchema(`not JSON: ${(error as Error).message}`);
  }
  if (type === 'AVRO') validateAvro(text, references);
  else validateJsonSchema(parsed, references);
  return JSON.stringify(parsed);
}

/** The content identity behind a Confluent id: type, normalized text and references. */
export function fingerprint(
  type: SchemaType,
  normalized: string,
  references: readonly SchemaReference[],
): string {
  const refs = references.map((ref) => [ref.name, ref.subject, ref.version]);
  return createHash('sha256')
    .update(JSON.stringify([type, normalized, refs]))
    .digest('hex');
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

function validateProtobuf(text: string, references: readonly ResolvedReference[]): void {
  try {
    const root = new protobuf.Root();
    for (const ref of references) protobuf.parse(ref.schema, root, { keepCase: true });
    protobuf.parse(text, root, { keepCase: true });
    root.resolveAll();
  } catch (error) {
    throw fail.invalidSchema(`invalid Protobuf schema: ${(error as Error).message}`);
  }
}
