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
  'Invalid schema (42201), version (42202), level (42203) or mode (42204)',
];
const badJson: [string, string] = ['400', 'Malformed JSON body'];
const store: [string, string] = ['500', 'Backend store error (50001) or timeout (50002)'];

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
        },
      },
      Schema: {
        type: 'object',
        required: ['schema'],
        properties: {
          schema: { type: 'string' },
          schemaType: { type: 'string' },
          references: { type: 'array', items: ref('Reference') },
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
      Error: {
        type: 'object',
        required: ['error_code', 'message'],
        properties: { error_code: { type: 'integer' }, message: { type: 'string' } },
      },
    },
  },
} as const;
