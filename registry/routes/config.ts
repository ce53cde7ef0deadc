import type { FastifyInstance } from 'fastify';
import type { RegistryService } from '../service/registry-service.js';
import { flag, type SubjectParams } from './query.js';

function field(body: unknown, name: string): unknown {
  return typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[name] : undefined;
}

export function configRoutes(app: FastifyInstance, service: RegistryService): void {
  app.get('/config', async () => ({ compatibilityLevel: await service.getConfig() }));
  app.put('/config', async (request) => ({
    compatibility: await service.setConfig(field(request.body, 'compatibility')),
  }));
  app.delete('/config', async () => ({ compatibilityLevel: await service.deleteConfig() }));

  app.get<{ Params: SubjectParams }>('/config/:subject', async (request) => ({
    compatibilityLevel: await service.getConfig(
      request.params.subject,
      flag(request.query, 'defaultToGlobal'),
    ),
  }));
  app.put<{ Params: SubjectParams }>('/config/:subject', async (request) => ({
    compatibility: await service.setConfig(field(request.body, 'compatibility'), request.params.subject),
  }));
  app.delete<{ Params: SubjectParams }>('/config/:subject', async (request) => ({
    compatibilityLevel: await service.deleteConfig(request.params.subject),
  }));

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
