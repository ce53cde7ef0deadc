import type { FastifyInstance } from 'fastify';
import type { RegistryService } from '../service/registry-service.js';
import { flag, type SubjectParams } from './query.js';

function field(body: unknown, name: string): unknown {
  return typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[name] : undefined;
}

/** Confluent's config update body; an absent field keeps its current value. */
function configBody(body: unknown): { compatibility?: unknown; normalize?: unknown } {
  return { compatibility: field(body, 'compatibility'), normalize: field(body, 'normalize') };
}

export function configRoutes(app: FastifyInstance, service: RegistryService): void {
  app.get('/config', async () => service.getConfigView());
  app.put('/config', async (request) => service.updateConfig(configBody(request.body)));
  app.delete('/config', async () => service.deleteConfig());

  app.get<{ Params: SubjectParams }>('/config/:subject', async (request) =>
    service.getConfigView(request.params.subject, flag(request.query, 'defaultToGlobal')),
  );
  app.put<{ Params: SubjectParams }>('/config/:subject', async (request) =>
    service.updateConfig(configBody(request.body), request.params.subject),
  );
  app.delete<{ Params: SubjectParams }>('/config/:subject', async (request) =>
    service.deleteConfig(request.params.subject),
  );

  app.get('/mode', async () => ({ mode: await service.getMode() }));
  app.put('/mode', async (request) => ({
    mode: await service.setMode(field(request.body, 'mode'), undefined, flag(request.query, 'force')),
  }));
  app.delete('/mode', async () => ({ mode: await service.deleteMode() }));
  app.get<{ Params: SubjectParams }>('/mode/:subject', async (request) => ({
    mode: await service.getMode(request.params.subject, flag(request.query, 'defaultToGlobal')),
  }));
  app.put<{ Params: SubjectParams }>('/mode/:subject', async (request) => ({
    mode: await service.setMode(
      field(request.body, 'mode'),
      request.params.subject,
      flag(request.query, 'force'),
    ),
  }));
  app.delete<{ Params: SubjectParams }>('/mode/:subject', async (request) => ({
    mode: await service.deleteMode(request.params.subject),
  }));
}
