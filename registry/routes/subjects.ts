import type { FastifyInstance } from 'fastify';
import { model } from '../api/models.js';
import { queries, subjectPath, versionPath } from '../api/parameters.js';
import { answers, failures as f, shapes } from '../api/responses.js';
import type { RegistryService, VersionView } from '../service/registry-service.js';
import { parseSchemaRequest, parseVersion } from '../service/request-body.js';
import { flag, lookupFilter, page, type SubjectParams, text, type VersionParams } from './query.js';

/** Confluent omits `schemaType` for Avro, and `references`, `metadata` and `ruleSet` when there are none. */
export function versionBody(view: VersionView) {
  return {
    subject: view.subject,
    version: view.version,
    id: view.id,
    ...(view.schemaType === 'AVRO' ? {} : { schemaType: view.schemaType }),
    ...(view.references.length > 0 ? { references: view.references } : {}),
    ...(view.metadata === undefined ? {} : { metadata: view.metadata }),
    ...(view.ruleSet === undefined ? {} : { ruleSet: view.ruleSet }),
    schema: view.schema,
  };
}

export function subjectRoutes(app: FastifyInstance, service: RegistryService): void {
  app.get(
    '/subjects',
    { schema: { querystring: queries.subjects, response: answers(shapes.strings, f.store) } },
    async (request) =>
      page(
        await service.listSubjects(lookupFilter(request.query), text(request.query, 'subjectPrefix')),
        request.query,
      ),
  );

  app.get<{ Params: SubjectParams }>(
    '/subjects/:subject/versions',
    {
      schema: {
        params: subjectPath,
        querystring: queries.versions,
        response: answers(shapes.integers, f.notFound, f.store),
      },
    },
    async (request) =>
      page(await service.listVersions(request.params.subject, lookupFilter(request.query)), request.query),
  );

  app.post<{ Params: SubjectParams }>(
    '/subjects/:subject/versions',
    {
      schema: {
        summary: 'Register a schema under a subject (idempotent)',
        params: subjectPath,
        querystring: queries.normalize,
        body: model('SchemaRequest'),
        response: answers(
          model('RegisteredId'),
          f.badJson,
          f.incompatible,
          f.unsupportedMediaType,
          f.invalid,
          f.store,
        ),
      },
    },
    async (request) => ({
      id: await service.register(
        request.params.subject,
        parseSchemaRequest(request.body),
        flag(request.query, 'normalize'),
      ),
    }),
  );

  app.post<{ Params: SubjectParams }>(
    '/subjects/:subject',
    {
      schema: {
        summary: 'Look up the version of a subject that holds this schema',
        params: subjectPath,
        querystring: queries.lookup,
        body: model('SchemaRequest'),
        response: answers(model('SubjectVersion'), f.badJson, f.notFound, f.invalid, f.store),
      },
    },
    async (request) =>
      versionBody(
        await service.lookup(
          request.params.subject,
          parseSchemaRequest(request.body),
          flag(request.query, 'deleted'),
          flag(request.query, 'normalize'),
        ),
      ),
  );

  app.delete<{ Params: SubjectParams }>(
    '/subjects/:subject',
    {
      schema: {
        params: subjectPath,
        querystring: queries.permanent,
        response: answers(shapes.integers, f.notFound, f.invalid, f.store),
      },
    },
    async (request) => service.deleteSubject(request.params.subject, flag(request.query, 'permanent')),
  );

  app.get<{ Params: VersionParams }>(
    '/subjects/:subject/versions/:version',
    {
      schema: {
        params: versionPath,
        querystring: queries.deleted,
        response: answers(model('SubjectVersion'), f.notFound, f.invalid, f.store),
      },
    },
    async (request) =>
      versionBody(
        await service.getVersion(
          request.params.subject,
          parseVersion(request.params.version),
          flag(request.query, 'deleted'),
        ),
      ),
  );

  app.get<{ Params: VersionParams }>(
    '/subjects/:subject/versions/:version/schema',
    {
      schema: {
        params: versionPath,
        querystring: queries.deleted,
        response: answers(shapes.text, f.notFound, f.invalid, f.store),
      },
    },
    async (request, reply) => {
      const view = await service.getVersion(
        request.params.subject,
        parseVersion(request.params.version),
        flag(request.query, 'deleted'),
      );
      return reply.type('application/vnd.schemaregistry.v1+json').send(view.schema);
    },
  );

  app.get<{ Params: VersionParams }>(
    '/subjects/:subject/versions/:version/referencedby',
    {
      schema: {
        params: versionPath,
        querystring: queries.paging,
        response: answers(shapes.integers, f.notFound, f.invalid, f.store),
      },
    },
    async (request) =>
      page(
        await service.referencedBy(request.params.subject, parseVersion(request.params.version)),
        request.query,
      ),
  );

  app.delete<{ Params: VersionParams }>(
    '/subjects/:subject/versions/:version',
    {
      schema: {
        params: versionPath,
        querystring: queries.permanent,
        response: answers(shapes.integer, f.notFound, f.invalid, f.store),
      },
    },
    async (request) =>
      service.deleteVersion(
        request.params.subject,
        parseVersion(request.params.version),
        flag(request.query, 'permanent'),
      ),
  );
}
