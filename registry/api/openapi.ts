import swagger from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';
import { confluentMediaType } from '../http/media-types.js';
import { models } from './models.js';

/** Bodies are read as JSON whatever the declared type; these two are what clients send. */
const consumes = [confluentMediaType, 'application/json'];

/**
 * Generates the OpenAPI document (served at /openapi.json) from the routes' own schemas, with
 * `@fastify/swagger`: every route registered after this call is described by the `schema` it
 * declares. New routes must declare theirs (params, querystring, body, response with every
 * status it answers): a route without one appears with a bare "Default Response", which the
 * OpenAPI test refuses. Routes outside the API (probes aside) say `hide: true`.
 */
export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  // The schemas describe; the parsers enforce, reading their limits from the same objects
  // (registry/api/parameters.ts). Fastify's own validation would answer malformed input with
  // its 400 before the parsers give Confluent's codes (42202 for a version, 40403 for an id,
  // 42201 for a schema body) and would refuse Confluent's lenient flags (`?deleted=yes` is false).
  app.setValidatorCompiler(() => () => true);
  // Answers keep the fields the handlers give: a response schema must not drop or coerce any.
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  for (const [name, schema] of Object.entries(models)) app.addSchema({ $id: name, ...schema });
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Eventline registry service',
        version: '1.0.0',
        description: 'Confluent Schema Registry REST API with AWS Glue Schema Registry as its store.',
      },
    },
    // Components keep their model names instead of def-0, def-1, ...
    refResolver: {
      buildLocalReference: (json, _baseUri, _fragment, i) =>
        typeof json.$id === 'string' ? json.$id : `def-${i}`,
    },
    transform: ({ schema, url }) => ({
      schema: { consumes, produces: [confluentMediaType], ...schema },
      url,
    }),
  });
}
