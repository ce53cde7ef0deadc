import { CompatibilityLevels, SchemaTypes } from '../../functions/lib/schema/index.js';
import { Modes } from '../store/index-table.js';
import { dekRegistryModels } from './dek-registry-models.js';

/**
 * The request and answer bodies of Confluent's API, shared by the routes through Fastify's
 * `addSchema` and referenced as `{ $ref: '<name>#' }`; the API document lists them as components.
 */

const stringMap = { type: 'object', additionalProperties: { type: 'string' } } as const;
const strings = { type: 'array', items: { type: 'string' } } as const;
const refTo = (name: ModelName) => ({ $ref: `${name}#` }) as const;

const rule = {
  type: 'object',
  required: ['name', 'type'],
  properties: {
    name: { type: 'string' },
    doc: { type: 'string' },
    kind: { type: 'string', enum: ['TRANSFORM', 'CONDITION'] },
    mode: { type: 'string', enum: ['UPGRADE', 'DOWNGRADE', 'UPDOWN', 'WRITE', 'READ', 'WRITEREAD'] },
    type: { type: 'string' },
    tags: strings,
    params: stringMap,
    expr: { type: 'string' },
    onSuccess: { type: 'string' },
    onFailure: { type: 'string' },
    disabled: { type: 'boolean' },
  },
} as const;

/** Confluent's data contract parts on a schema version. */
const contract = {
  metadata: {
    type: 'object',
    properties: {
      tags: { type: 'object', additionalProperties: strings },
      properties: stringMap,
      sensitive: strings,
    },
  },
  ruleSet: {
    type: 'object',
    properties: {
      migrationRules: { type: 'array', items: rule },
      domainRules: { type: 'array', items: rule },
      encodingRules: { type: 'array', items: rule },
    },
  },
} as const;

const references = { type: 'array', items: { $ref: 'Reference#' } } as const;

/** Every shared body schema, by the name it has in the API document. */
export const models = {
  Reference: {
    type: 'object',
    required: ['name', 'subject', 'version'],
    properties: { name: { type: 'string' }, subject: { type: 'string' }, version: { type: 'integer' } },
  },
  SchemaRequest: {
    type: 'object',
    required: ['schema'],
    example: { schema: '{"type":"record","name":"Example","fields":[{"name":"id","type":"string"}]}' },
    properties: {
      schema: { type: 'string' },
      schemaType: { type: 'string', enum: Object.values(SchemaTypes) },
      references,
      id: { type: 'integer', description: 'An explicit id, only in IMPORT mode' },
      version: { type: 'integer', description: 'An explicit version, only in IMPORT mode' },
      ...contract,
    },
  },
  Schema: {
    type: 'object',
    required: ['schema'],
    properties: { schema: { type: 'string' }, schemaType: { type: 'string' }, references, ...contract },
  },
  SubjectVersion: {
    type: 'object',
    required: ['subject', 'version', 'id', 'schema'],
    properties: {
      subject: { type: 'string' },
      version: { type: 'integer' },
      id: { type: 'integer' },
      schema: { type: 'string' },
      schemaType: { type: 'string' },
      references,
      ...contract,
    },
  },
  RegisteredId: { type: 'object', required: ['id'], properties: { id: { type: 'integer' } } },
  CompatibilityResult: {
    type: 'object',
    required: ['is_compatible'],
    properties: { is_compatible: { type: 'boolean' }, messages: strings },
  },
  ConfigRequest: {
    type: 'object',
    description: 'Sets the fields given; at least one of them.',
    properties: {
      normalize: { type: 'boolean' },
      compatibility: { type: 'string', enum: CompatibilityLevels },
    },
  },
  ConfigLevel: {
    type: 'object',
    properties: { compatibilityLevel: { type: 'string' }, normalize: { type: 'boolean' } },
  },
  Mode: {
    type: 'object',
    required: ['mode'],
    properties: { mode: { type: 'string', enum: Object.values(Modes) } },
  },
  ...dekRegistryModels,
  Error: {
    type: 'object',
    required: ['error_code', 'message'],
    properties: { error_code: { type: 'integer' }, message: { type: 'string' } },
  },
} as const;

export type ModelName = keyof typeof models;

/** A reference to a shared body schema. */
export const model = refTo;
