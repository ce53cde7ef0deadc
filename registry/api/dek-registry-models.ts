import { DekAlgorithms } from '../../functions/lib/registry/index.js';
import { versionNumber } from './parameters.js';

/** The DEK registry's request and answer bodies, part of the API's shared models (./models.ts). */

/**
 * A KEK's or DEK's create request and answer, built from one list of its fields so the two cannot
 * drift apart: the request declares `request.fields` (what a client sends, some described more
 * closely), the answer every field and the store's `ts`; both end with `deleted`, as Confluent's do.
 */
function keyModels<const F extends Record<string, object>, const R extends Record<string, object>>(
  fields: F,
  required: readonly (keyof F)[],
  request: { readonly fields: R; readonly required?: readonly (keyof R)[]; readonly example: object },
) {
  const deleted = { type: 'boolean' } as const;
  return {
    request: {
      type: 'object',
      ...(request.required ? { required: request.required } : {}),
      example: request.example,
      properties: { ...request.fields, deleted },
    },
    answer: { type: 'object', required, properties: { ...fields, ts: { type: 'integer' }, deleted } },
  } as const;
}

const kekFields = {
  name: { type: 'string' },
  kmsType: { type: 'string' },
  kmsKeyId: { type: 'string' },
  kmsProps: { type: 'object', additionalProperties: { type: 'string' } },
  doc: { type: 'string' },
  shared: { type: 'boolean' },
} as const;

const kek = keyModels(kekFields, ['name', 'kmsType', 'kmsKeyId', 'shared'], {
  fields: {
    ...kekFields,
    shared: { type: 'boolean', description: 'Refused when true: the service never calls a KMS' },
  },
  required: ['name', 'kmsType', 'kmsKeyId'],
  example: { name: 'orders-pii', kmsType: 'aws-kms', kmsKeyId: 'arn:aws:kms:eu-west-1:000000000000:key/1' },
});

const dekFields = {
  kekName: { type: 'string' },
  subject: { type: 'string' },
  version: { type: 'integer' },
  algorithm: { type: 'string' },
  encryptedKeyMaterial: { type: 'string' },
} as const;

// A DEK is created under the KEK its path names, so the request body has no kekName; the request
// also bounds the version and names the algorithms.
const { kekName: _inPath, ...dekRequestFields } = dekFields;

const dek = keyModels(dekFields, ['kekName', 'subject', 'version', 'algorithm'], {
  fields: {
    ...dekRequestFields,
    version: versionNumber,
    algorithm: { type: 'string', enum: Object.values(DekAlgorithms) },
  },
  example: { encryptedKeyMaterial: 'AQIDBAUGBwgJCgsMDQ4PEA==' },
});

/** The DEK registry's bodies, by the name each has in the API document. */
export const dekRegistryModels = {
  CreateKekRequest: kek.request,
  UpdateKekRequest: {
    type: 'object',
    properties: { kmsProps: kekFields.kmsProps, doc: kekFields.doc, shared: kekFields.shared },
  },
  Kek: kek.answer,
  CreateDekRequest: dek.request,
  Dek: dek.answer,
} as const;
