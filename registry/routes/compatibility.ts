import type { FastifyInstance } from 'fastify';
import type { RegistryService } from '../service/registry-service.js';
import { parseSchemaRequest, parseVersion } from '../service/request-body.js';
import { flag, type SubjectParams, type VersionParams } from './query.js';

export function compatibilityRoutes(app: FastifyInstance, service: RegistryService): void {
  const answer = (result: { compatible: boolean; messages: string[] }, verbose: boolean) => ({
    is_compatible: result.compatible,
    ...(verbose ? { messages: result.messages } : {}),
  });

  app.post<{ Params: VersionParams }>(
    '/compatibility/subjects/:subject/versions/:version',
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

  app.post<{ Params: SubjectParams }>('/compatibility/subjects/:subject/versions', async (request) => {
    const result = await service.checkCompatibility(
      request.params.subject,
      undefined,
      parseSchemaRequest(request.body),
    );
    return answer(result, flag(request.query, 'verbose'));
  });
}
