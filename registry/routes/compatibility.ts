import type { FastifyInstance } from 'fastify';
import { model } from '../api/models.js';
import { queries, subjectPath, versionPath } from '../api/parameters.js';
import { answers, failures as f } from '../api/responses.js';
import type { RegistryService } from '../service/registry-service.js';
import { parseSchemaRequest, parseVersion } from '../service/request-body.js';
import { flag, type SubjectParams, type VersionParams } from './query.js';

const check = {
  querystring: queries.verbose,
  body: model('SchemaRequest'),
  response: answers(model('CompatibilityResult'), f.badJson, f.notFound, f.invalid, f.store),
} as const;

export function compatibilityRoutes(app: FastifyInstance, service: RegistryService): void {
  const answer = (result: { compatible: boolean; messages: string[] }, verbose: boolean) => ({
    is_compatible: result.compatible,
    ...(verbose ? { messages: result.messages } : {}),
  });

  app.post<{ Params: VersionParams }>(
    '/compatibility/subjects/:subject/versions/:version',
    { schema: { params: versionPath, ...check } },
    async (request) => {
      const version = parseVersion(request.params.version);
      const result = await service.checkCompatibility(
        request.params.subject,
        version,
        parseSchemaRequest(request.body),
      );
      return answer(result, flag(request.query, 'verbose'));
    },
  );

  app.post<{ Params: SubjectParams }>(
    '/compatibility/subjects/:subject/versions',
    { schema: { params: subjectPath, ...check } },
    async (request) => {
      const result = await service.checkCompatibility(
        request.params.subject,
        undefined,
        parseSchemaRequest(request.body),
      );
      return answer(result, flag(request.query, 'verbose'));
    },
  );
}
