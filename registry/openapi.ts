/** The OpenAPI 3.0 description of what this service serves, at GET /openapi.json. */

const json = 'application/vnd.schemaregistry.v1+json';
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const ok = (schema: object, description = 'OK') => ({ description, content: { [json]: { schema } } });
const error = (description: string) => ({ description, content: { [json]: { schema: ref('Error') } } });
const errors = (...codes: [string, string][]) =>
  Object.fromEntries(codes.map(([code, text]) => [code, error(text)]));

const subject = {
  name: 'subject',
  in: 'path',
  required: true,
  schema: { type: 'string', minLength: 1 },
} as const;
const version = {
  name: 'version',
  in: 'path',
  required: true,
  description: 'A version number in [1, 2^31-1], or `latest` (also `-1`).',
  schema: { type: 'string', pattern: '^(latest|-1|[1-9][0-9]{0,8})$' },
  example: 'latest',
} as const;
const id = { name: 'id', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } } as const;
const boolQuery = (name: string) =>
  ({ name, in: 'query', required: false, schema: { type: 'boolean' } }) as const;
const textQuery = (name: string) =>
  ({ name, in: 'query', required: false, schema: { type: 'string' } }) as const;
/** Confluent's paging: `offset` skips, a `limit` of zero or less means all. */
const paging = [
  { name: 'offset', in: 'query', required: false, schema: { type: 'integer', minimum: 0 } },
  { name: 'limit', in: 'query', required: false, schema: { type: 'integer' } },
] as const;
const body = (schema: object) => ({
  required: true,
  content: { [json]: { schema }, 'application/json': { schema } },
});

const notFound: [string, string] = ['404', 'Subject (40401), version (40402) or schema (40403) not found'];
const invalid: [string, string] = [
  '422',
  'Invalid schema (42201), version (42202), level (42203), mode (42204) or rule set (42210)',
];
const badJson: [string, string] = ['400', 'Malformed JSON body'];
const store: [string, string] = ['500', 'Backend store error (50001) or timeout (50002)'];
const keyNotFound: [string, string] = [
  '404',
  'Key not found (40470), not soft-deleted first (40471) or KEK deleted (40472)',
];
const keyExists: [string, string] = ['409', 'Key already exists (40971)'];
const invalidKey: [string, string] = [
  '422',
  'Invalid or missing key field (42271), references exist (42272), invalid version (42202)',
];
const noContent = { 204: { description: 'Done' } };

const kekName = {
  name: 'name',
  in: 'path',
  required: true,
  schema: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_-]{0,255}$' },
} as const;
const algorithm = {
  name: 'algorithm',
  in: 'query',
  required: false,
  schema: { type: 'string', enum: ['AES128_GCM', 'AES256_GCM', 'AES256_SIV'] },
} as const;
const keks = '/dek-registry/v1/keks';

/** Confluent's DEK registry, served when the service has its DEK table (EVENTLINE_DEK_TABLE). */
const dekPaths = {
  [keks]: {
    get: {
      parameters: [textQuery('subjectPrefix'), boolQuery('deleted'), ...paging],
      responses: { 200: ok({ type: 'array', items: { type: 'string' } }), ...errors(store) },
    },
    post: {
      requestBody: body(ref('CreateKekRequest')),
      responses: { 200: ok(ref('Kek')), ...errors(badJson, keyExists, invalidKey, store) },
    },
  },
  [`${keks}/{name}`]: {
    get: {
      parameters: [kekName, boolQuery('deleted')],
      responses: { 200: ok(ref('Kek')), ...errors(keyNotFound, invalidKey, store) },
    },
    put: {
      parameters: [kekName],
      requestBody: body(ref('UpdateKekRequest')),
      responses: { 200: ok(ref('Kek')), ...errors(badJson, keyNotFound, invalidKey, store) },
    },
    delete: {
      parameters: [kekName, boolQuery('permanent')],
      responses: { ...noContent, ...errors(keyNotFound, invalidKey, store) },
    },
  },
  [`${keks}/{name}/undelete`]: {
    post: { parameters: [kekName], responses: { ...noContent, ...errors(keyNotFound, invalidKey, store) } },
  },
  [`${keks}/{name}/deks`]: {
    get: {
      parameters: [kekName, boolQuery('deleted'), ...paging],
      responses: {
        200: ok({ type: 'array', items: { type: 'string' } }),
        ...errors(keyNotFound, invalidKey, store),
      },
    },
  },
  [`${keks}/{name}/deks/{subject}`]: {
    get: {
      parameters: [kekName, subject, algorithm, boolQuery('deleted')],
      responses: { 200: ok(ref('Dek')), ...errors(keyNotFound, invalidKey, store) },
    },
    post: {
      parameters: [kekName, subject],
      requestBody: body(ref('CreateDekRequest')),
      responses: { 200: ok(ref('Dek')), ...errors(badJson, keyNotFound, keyExists, invalidKey, store) },
    },
    delete: {
      parameters: [kekName, subject, algorithm, boolQuery('permanent')],
      responses: { ...noContent, ...errors(keyNotFound, invalidKey, store) },
    },
  },
  [`${keks}/{name}/deks/{subject}/undelete`]: {
    post: {
      parameters: [kekName, subject, algorithm],
      responses: { ...noContent, ...errors(keyNotFound, invalidKey, store) },
    },
  },
  [`${keks}/{name}/deks/{subject}/versions`]: {
    get: {
      parameters: [kekName, subject, algorithm, boolQuery('deleted'), ...paging],
      responses: {
        200: ok({ type: 'array', items: { type: 'integer' } }),
        ...errors(keyNotFound, invalidKey, store),
      },
    },
  },
  [`${keks}/{name}/deks/{subject}/versions/{version}`]: {
    get: {
      parameters: [kekName, subject, version, algorithm, boolQuery('deleted')],
      responses: { 200: ok(ref('Dek')), ...errors(keyNotFound, invalidKey, store) },
    },
    delete: {
      parameters: [kekName, subject, version, algorithm, boolQuery('permanent')],
      responses: { ...noContent, ...errors(keyNotFound, invalidKey, store) },
    },
  },
  [`${keks}/{name}/deks/{subject}/versions/{version}/undelete`]: {
    post: {
      parameters: [kekName, subject, version, algorithm],
      responses: { ...noContent, ...errors(keyNotFound, invalidKey, store) },
    },
  },
} as const;

const stringMap = { type: 'object', additionalProperties: { type: 'string' } } as const;
const rule = {
  type: 'object',
  required: ['name', 'type'],
  properties: {
    name: { type: 'string' },
    doc: { type: 'string' },
    kind: { type: 'string', enum: ['TRANSFORM', 'CONDITION'] },
    mode: { type: 'string', enum: ['UPGRADE', 'DOWNGRADE', 'UPDOWN', 'WRITE', 'READ', 'WRITEREAD'] },
    type: { type: 'string' },
    tags: { type: 'array', items: { type: 'string' } },
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
      tags: { type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } } },
      properties: stringMap,
      sensitive: { type: 'array', items: { type: 'string' } },
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

export const openApiDocument = {
  openapi: '3.0.3',
  info: {
    title: 'Eventline registry service',
    version: '1.0.0',
    description: 'Confluent Schema Registry REST API with AWS Glue Schema Registry as its store.',
  },
  paths: {
    '/subjects': {
      get: {
        parameters: [textQuery('subjectPrefix'), boolQuery('deleted'), boolQuery('deletedOnly'), ...paging],
        responses: { 200: ok({ type: 'array', items: { type: 'string' } }), ...errors(store) },
      },
    },
    '/subjects/{subject}': {
      post: {
        summary: 'Look up the version of a subject that holds this schema',
        parameters: [subject, boolQuery('deleted'), boolQuery('normalize')],
        requestBody: body(ref('SchemaRequest')),
        responses: { 200: ok(ref('SubjectVersion')), ...errors(badJson, notFound, invalid, store) },
      },
      delete: {
        parameters: [subject, boolQuery('permanent')],
        responses: {
          200: ok({ type: 'array', items: { type: 'integer' } }),
          ...errors(notFound, invalid, store),
        },
      },
    },
    '/subjects/{subject}/versions': {
      get: {
        parameters: [subject, boolQuery('deleted'), boolQuery('deletedOnly'), ...paging],
        responses: { 200: ok({ type: 'array', items: { type: 'integer' } }), ...errors(notFound, store) },
      },
      post: {
        summary: 'Register a schema under a subject (idempotent)',
        parameters: [subject, boolQuery('normalize')],
        requestBody: body(ref('SchemaRequest')),
        responses: {
          200: ok({ type: 'object', properties: { id: { type: 'integer' } }, required: ['id'] }),
          ...errors(
            badJson,
            ['409', 'Incompatible with earlier versions (409)'],
            ['415', 'A request body type other than JSON'],
            invalid,
            store,
          ),
        },
      },
    },
    '/subjects/{subject}/versions/{version}': {
      get: {
        parameters: [subject, version, boolQuery('deleted')],
        responses: { 200: ok(ref('SubjectVersion')), ...errors(notFound, invalid, store) },
      },
      delete: {
        parameters: [subject, version, boolQuery('permanent')],
        responses: { 200: ok({ type: 'integer' }), ...errors(notFound, invalid, store) },
      },
    },
    '/subjects/{subject}/versions/{version}/schema': {
      get: {
        parameters: [subject, version],
        responses: { 200: ok({ type: 'string' }), ...errors(notFound, invalid, store) },
      },
    },
    '/subjects/{subject}/versions/{version}/referencedby': {
      get: {
        parameters: [subject, version, ...paging],
        responses: {
          200: ok({ type: 'array', items: { type: 'integer' } }),
          ...errors(notFound, invalid, store),
        },
      },
    },
    '/schemas/ids/{id}': {
      get: { parameters: [id], responses: { 200: ok(ref('Schema')), ...errors(notFound, store) } },
    },
    '/schemas/ids/{id}/schema': {
      get: { parameters: [id], responses: { 200: ok({ type: 'string' }), ...errors(notFound, store) } },
    },
    '/schemas': {
      get: {
        summary: 'Subject versions under a subject prefix, by subject then version',
        parameters: [textQuery('subjectPrefix'), boolQuery('deleted'), boolQuery('latestOnly'), ...paging],
        responses: { 200: ok({ type: 'array', items: ref('SubjectVersion') }), ...errors(store) },
      },
    },
    '/schemas/ids/{id}/subjects': {
      get: {
        parameters: [id, textQuery('subject'), boolQuery('deleted'), ...paging],
        responses: { 200: ok({ type: 'array', items: { type: 'string' } }), ...errors(notFound, store) },
      },
    },
    '/schemas/ids/{id}/versions': {
      get: {
        parameters: [id, textQuery('subject'), boolQuery('deleted'), ...paging],
        responses: {
          200: ok({
            type: 'array',
            items: {
              type: 'object',
              properties: { subject: { type: 'string' }, version: { type: 'integer' } },
            },
          }),
          ...errors(notFound, store),
        },
      },
    },
    '/schemas/types': { get: { responses: { 200: ok({ type: 'array', items: { type: 'string' } }) } } },
    '/compatibility/subjects/{subject}/versions': {
      post: {
        parameters: [subject, boolQuery('verbose')],
        requestBody: body(ref('SchemaRequest')),
        responses: { 200: ok(ref('CompatibilityResult')), ...errors(badJson, notFound, invalid, store) },
      },
    },
    '/compatibility/subjects/{subject}/versions/{version}': {
      post: {
        parameters: [subject, version, boolQuery('verbose')],
        requestBody: body(ref('SchemaRequest')),
        responses: { 200: ok(ref('CompatibilityResult')), ...errors(badJson, notFound, invalid, store) },
      },
    },
    '/config': {
      get: { responses: { 200: ok(ref('ConfigLevel')), ...errors(store) } },
      put: {
        requestBody: body(ref('ConfigRequest')),
        responses: { 200: ok(ref('ConfigRequest')), ...errors(badJson, invalid, store) },
      },
      delete: { responses: { 200: ok(ref('ConfigLevel')), ...errors(store) } },
    },
    '/config/{subject}': {
      get: {
        parameters: [subject, boolQuery('defaultToGlobal')],
        responses: {
          200: ok(ref('ConfigLevel')),
          ...errors(['404', 'No subject-level config (40408)'], store),
        },
      },
      put: {
        parameters: [subject],
        requestBody: body(ref('ConfigRequest')),
        responses: { 200: ok(ref('ConfigRequest')), ...errors(badJson, invalid, store) },
      },
      delete: {
        parameters: [subject],
        responses: {
          200: ok(ref('ConfigLevel')),
          ...errors(['404', 'No subject-level config (40408)'], store),
        },
      },
    },
    '/mode': {
      get: { responses: { 200: ok(ref('Mode')), ...errors(store) } },
      put: {
        parameters: [boolQuery('force')],
        requestBody: body(ref('Mode')),
        responses: { 200: ok(ref('Mode')), ...errors(badJson, invalid, store) },
      },
      delete: { responses: { 200: ok(ref('Mode')), ...errors(store) } },
    },
    '/mode/{subject}': {
      get: {
        parameters: [subject, boolQuery('defaultToGlobal')],
        responses: { 200: ok(ref('Mode')), ...errors(['404', 'No subject-level mode (40409)'], store) },
      },
      put: {
        parameters: [subject, boolQuery('force')],
        requestBody: body(ref('Mode')),
        responses: { 200: ok(ref('Mode')), ...errors(badJson, invalid, store) },
      },
      delete: {
        parameters: [subject],
        responses: { 200: ok(ref('Mode')), ...errors(['404', 'No subject-level mode (40409)'], store) },
      },
    },
    '/health': { get: { responses: { 200: ok({ type: 'object' }) } } },
    '/ready': {
      get: {
        responses: {
          200: ok({ type: 'object' }),
          503: ok({ type: 'object' }, 'Glue or DynamoDB unreachable'),
        },
      },
    },
    ...dekPaths,
  },
  components: {
    schemas: {
      Reference: {
        type: 'object',
        required: ['name', 'subject', 'version'],
        properties: { name: { type: 'string' }, subject: { type: 'string' }, version: { type: 'integer' } },
      },
      SchemaRequest: {
        type: 'object',
        required: ['schema'],
        example: {
          schema: '{"type":"record","name":"Example","fields":[{"name":"id","type":"string"}]}',
        },
        properties: {
          schema: { type: 'string' },
          schemaType: { type: 'string', enum: ['AVRO', 'JSON', 'PROTOBUF'] },
          references: { type: 'array', items: ref('Reference') },
          id: { type: 'integer', description: 'An explicit id, only in IMPORT mode' },
          version: { type: 'integer', description: 'An explicit version, only in IMPORT mode' },
          ...contract,
        },
      },
      Schema: {
        type: 'object',
        required: ['schema'],
        properties: {
          schema: { type: 'string' },
          schemaType: { type: 'string' },
          references: { type: 'array', items: ref('Reference') },
          ...contract,
        },
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
          references: { type: 'array', items: ref('Reference') },
          ...contract,
        },
      },
      CompatibilityResult: {
        type: 'object',
        required: ['is_compatible'],
        properties: {
          is_compatible: { type: 'boolean' },
          messages: { type: 'array', items: { type: 'string' } },
        },
      },
      ConfigRequest: {
        type: 'object',
        description: 'Sets the fields given; at least one of them.',
        properties: {
          normalize: { type: 'boolean' },
          compatibility: {
            type: 'string',
            enum: [
              'NONE',
              'BACKWARD',
              'BACKWARD_TRANSITIVE',
              'FORWARD',
              'FORWARD_TRANSITIVE',
              'FULL',
              'FULL_TRANSITIVE',
            ],
          },
        },
      },
      ConfigLevel: {
        type: 'object',
        properties: { compatibilityLevel: { type: 'string' }, normalize: { type: 'boolean' } },
      },
      Mode: {
        type: 'object',
        required: ['mode'],
        properties: {
          mode: { type: 'string', enum: ['READWRITE', 'READONLY', 'READONLY_OVERRIDE', 'IMPORT'] },
        },
      },
      CreateKekRequest: {
        type: 'object',
        required: ['name', 'kmsType', 'kmsKeyId'],
        example: {
          name: 'orders-pii',
          kmsType: 'aws-kms',
          kmsKeyId: 'arn:aws:kms:eu-west-1:000000000000:key/1',
        },
        properties: {
          name: { type: 'string' },
          kmsType: { type: 'string' },
          kmsKeyId: { type: 'string' },
          kmsProps: stringMap,
          doc: { type: 'string' },
          shared: { type: 'boolean', description: 'Refused when true: the service never calls a KMS' },
          deleted: { type: 'boolean' },
        },
      },
      UpdateKekRequest: {
        type: 'object',
        properties: { kmsProps: stringMap, doc: { type: 'string' }, shared: { type: 'boolean' } },
      },
      Kek: {
        type: 'object',
        required: ['name', 'kmsType', 'kmsKeyId', 'shared'],
        properties: {
          name: { type: 'string' },
          kmsType: { type: 'string' },
          kmsKeyId: { type: 'string' },
          kmsProps: stringMap,
          doc: { type: 'string' },
          shared: { type: 'boolean' },
          ts: { type: 'integer' },
          deleted: { type: 'boolean' },
        },
      },
      CreateDekRequest: {
        type: 'object',
        example: { encryptedKeyMaterial: 'AQIDBAUGBwgJCgsMDQ4PEA==' },
        properties: {
          subject: { type: 'string' },
          version: { type: 'integer', minimum: 1 },
          algorithm: { type: 'string', enum: ['AES128_GCM', 'AES256_GCM', 'AES256_SIV'] },
          encryptedKeyMaterial: { type: 'string' },
          deleted: { type: 'boolean' },
        },
      },
      Dek: {
        type: 'object',
        required: ['kekName', 'subject', 'version', 'algorithm'],
        properties: {
          kekName: { type: 'string' },
          subject: { type: 'string' },
          version: { type: 'integer' },
          algorithm: { type: 'string' },
          encryptedKeyMaterial: { type: 'string' },
          ts: { type: 'integer' },
          deleted: { type: 'boolean' },
        },
      },
      Error: {
        type: 'object',
        required: ['error_code', 'message'],
        properties: { error_code: { type: 'integer' }, message: { type: 'string' } },
      },
    },
  },
} as const;
