import type { FastifyInstance } from 'fastify';
import { SchemaTypes } from '../../functions/lib/schema/index.js';
import { model } from '../api/models.js';
import { idPath, queries } from '../api/parameters.js';
import { answers, failures as f, shapes } from '../api/responses.js';
import type { RegistryService } from '../service/registry-service.js';
import { parseId } from '../service/request-body.js';
import { flag, page, text } from './query.js';
import { versionBody } from './subjects.js';

interface IdParams {
  readonly id: string;
}

export function schemaRoutes(app: FastifyInstance, service: RegistryService): void {
  // Ids are immutable: the serialized answer is cached too, so a warm lookup does no work.
  const bodies = new Map<number, string>();
  app.get<{ Params: IdParams }>(
    '/schemas/ids/:id',
    { schema: { params: idPath, response: answers(model('Schema'), f.schemaNotFound, f.store) } },
    async (request, reply) => {
      const id = parseId(request.params.id);
      let body = bodies.get(id);
      if (body === undefined) {
        const stored = await service.schemaById(id);
        body = JSON.stringify({
          schema: stored.schema,
          ...(stored.schemaType === 'AVRO' ? {} : { schemaType: stored.schemaType }),
          ...(stored.references.length > 0 ? { references: stored.references } : {}),
          ...(stored.metadata === undefined ? {} : { metadata: stored.metadata }),
          ...(stored.ruleSet === undefined ? {} : { ruleSet: stored.ruleSet }),
        });
        bodies.set(id, body);
      }
      return reply.type('application/vnd.schemaregistry.v1+json').send(body);
    },
  );

  app.get<{ Params: IdParams }>(
    '/schemas/ids/:id/schema',
    { schema: { params: idPath, response: answers(shapes.text, f.schemaNotFound, f.store) } },
    async (request, reply) => {
      const stored = await service.schemaById(parseId(request.params.id));
      return reply.type('application/vnd.schemaregistry.v1+json').send(stored.schema);
    },
  );

  app.get<{ Params: IdParams }>(
    '/schemas/ids/:id/versions',
    {
      schema: {
        params: idPath,
        querystring: queries.idUsage,
        response: answers(
          {
            type: 'array',
            items: {
              type: 'object',
              properties: { subject: { type: 'string' }, version: { type: 'integer' } },
            },
          },
          f.schemaNotFound,
          f.store,
        ),
      },
    },
    async (request) =>
      page(
        await service.idVersions(
          parseId(request.params.id),
          flag(request.query, 'deleted'),
          text(request.query, 'subject'),
        ),
        request.query,
      ),
  );

  app.get<{ Params: IdParams }>(
    '/schemas/ids/:id/subjects',
    {
      schema: {
        params: idPath,
        querystring: queries.idUsage,
        response: answers(shapes.strings, f.schemaNotFound, f.store),
      },
    },
    async (request) =>
      page(
        await service.idSubjects(
          parseId(request.params.id),
          flag(request.query, 'deleted'),
          text(request.query, 'subject'),
        ),
        request.query,
      ),
  );

  app.get(
    '/schemas',
    {
      schema: {
        summary: 'Subject versions under a subject prefix, by subject then version',
        querystring: queries.schemas,
        response: answers({ type: 'array', items: model('SubjectVersion') }, f.store),
      },
    },
    async (request) =>
      page(
        await service.listSchemas(
          text(request.query, 'subjectPrefix') ?? '',
          flag(request.query, 'deleted'),
          flag(request.query, 'latestOnly'),
        ),
        request.query,
      ).map(versionBody),
  );

  app.get('/schemas/types', { schema: { response: answers(shapes.strings) } }, async () =>
    Object.values(SchemaTypes),
  );
}
