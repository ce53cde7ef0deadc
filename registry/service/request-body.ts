import { type SchemaType, SchemaTypes } from '../../functions/lib/schema/index.js';
import { latestVersion, schemaId, versionNumber } from '../api/parameters.js';
import { fail } from '../errors.js';
import type { SchemaReference } from '../store/index-table.js';
import { type DataContract, parseDataContract } from './data-contract.js';

export interface SchemaRequest extends DataContract {
  readonly schema: string;
  readonly schemaType: SchemaType;
  readonly references: readonly SchemaReference[];
  /** An explicit id, allowed only in IMPORT mode (Confluent's register body `id`). */
  readonly id?: number;
  /** An explicit version, honoured only in IMPORT mode. */
  readonly version?: number;
}

/** A referenced schema, resolved to its text. */
export interface ResolvedReference extends SchemaReference {
  readonly schema: string;
}

const types = new Set<string>(Object.values(SchemaTypes));

/** Reads `{ schema, schemaType?, references?, metadata?, ruleSet? }` as Confluent clients send it; anything else is a 422. */
export function parseSchemaRequest(body: unknown): SchemaRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw fail.invalidSchema('the request body must be a JSON object with a "schema" string');
  }
  const fields = body as Record<string, unknown>;
  const { schema, schemaType = 'AVRO', references = [], id, version } = fields;
  if (typeof schema !== 'string' || schema.trim() === '')
    throw fail.invalidSchema('"schema" must be a non-empty string');
  if (typeof schemaType !== 'string' || !types.has(schemaType)) {
    throw fail.invalidSchema(`unknown schemaType ${JSON.stringify(schemaType)}; use AVRO, JSON or PROTOBUF`);
  }
  if (!Array.isArray(references)) throw fail.invalidSchema('"references" must be an array');
  return {
    schema,
    schemaType: schemaType as SchemaType,
    references: references.map(parseReference),
    ...parseDataContract(fields),
    ...optionalPositive('id', id),
    ...optionalPositive('version', version),
  };
}

/** Confluent treats a missing, null, 0 or negative `id` / `version` as "not given". */
function optionalPositive(name: 'id' | 'version', value: unknown): { id?: number; version?: number } {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'number' || !Number.isInteger(value) || value > versionNumber.maximum) {
    throw fail.invalidSchema(`"${name}" must be an integer`);
  }
  return value > 0 ? { [name]: value } : {};
}

function parseReference(value: unknown): SchemaReference {
  const ref = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  if (
    typeof ref.name !== 'string' ||
    typeof ref.subject !== 'string' ||
    typeof ref.version !== 'number' ||
    !Number.isInteger(ref.version)
  ) {
    throw fail.invalidSchema('each reference needs "name" and "subject" strings and an integer "version"');
  }
  return { name: ref.name, subject: ref.subject, version: ref.version };
}

/** A whole number within a schema's bounds, from a path segment of at most ten digits. */
function within(value: string, bounds: { readonly minimum: number; readonly maximum: number }): boolean {
  return /^\d{1,10}$/.test(value) && Number(value) >= bounds.minimum && Number(value) <= bounds.maximum;
}

/** A version path segment: a number within the route's version schema, or `latest` / `-1`. */
export function parseVersion(value: string): number | 'latest' {
  if ((latestVersion.enum as readonly string[]).includes(value)) return 'latest';
  if (!within(value, versionNumber)) throw fail.invalidVersion(value);
  return Number(value);
}

/** A schema id path segment; an id that cannot exist is simply not found. */
export function parseId(value: string): number {
  if (!within(value, schemaId)) throw fail.schemaNotFound(`Schema ${value} not found`);
  return Number(value);
}
