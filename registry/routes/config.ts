import type { FastifyInstance } from 'fastify';
import { model } from '../api/models.js';
import { queries, subjectPath } from '../api/parameters.js';
import { answers, failures as f } from '../api/responses.js';
import type { RegistryService } from '../service/registry-service.js';
import { flag, type SubjectParams } from './query.js';

function field(body: unknown, name: string): unknown {
  return typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[name] : undefined;
}

/** Confluent's config update body; an absent field keeps its current value. */
function configBody(body: unknown): { compatibility?: unknown; normalize?: unknown } {
  return { compatibility: field(body, 'compatibility'), normalize: field(body, 'normalize') };
}

const config = model('ConfigLevel');
const mode = model('Mode');
const configAnswer = answers(config, f.store);
const subjectConfigAnswer = answers(config, f.configNotFound, f.store);
const configUpdate = {
  body: model('ConfigRequest'),
  response: answers(model('ConfigRequest'), f.badJson, f.invalid, f.store),
} as const;
const modeAnswer = answers(mode, f.store);
const subjectModeAnswer = answers(mode, f.modeNotFound, f.store);
const modeUpdate = { body: mode, response: answers(mode, f.badJson, f.invalid, f.store) } as const;

export function configRoutes(app: FastifyInstance, service: RegistryService): void {
  app.get('/config', { schema: { response: configAnswer } }, async () => service.getConfigView());
  app.put('/config', { schema: configUpdate }, async (request) =>
    service.updateConfig(configBody(request.body)),
  );
  app.delete('/config', { schema: { response: configAnswer } }, async () => service.deleteConfig());

  app.get<{ Params: SubjectParams }>(
    '/config/:subject',
    { schema: { params: subjectPath, querystring: queries.defaultToGlobal, response: subjectConfigAnswer } },
    async (request) => service.getConfigView(request.params.subject, flag(request.query, 'defaultToGlobal')),
  );
  app.put<{ Params: SubjectParams }>(
    '/config/:subject',
    { schema: { params: subjectPath, ...configUpdate } },
    async (request) => service.updateConfig(configBody(request.body), request.params.subject),
  );
  app.delete<{ Params: SubjectParams }>(
    '/config/:subject',
    { schema: { params: subjectPath, response: subjectConfigAnswer } },
    async (request) => service.deleteConfig(request.params.subject),
  );

  app.get('/mode', { schema: { response: modeAnswer } }, async () => ({ mode: await service.getMode() }));
  app.put('/mode', { schema: { querystring: queries.force, ...modeUpdate } }, async (request) => ({
    mode: await service.setMode(field(request.body, 'mode'), undefined, flag(request.query, 'force')),
  }));
  app.delete('/mode', { schema: { response: modeAnswer } }, async () => ({
    mode: await service.deleteMode(),
  }));
  app.get<{ Params: SubjectParams }>(
    '/mode/:subject',
    { schema: { params: subjectPath, querystring: queries.defaultToGlobal, response: subjectModeAnswer } },
    async (request) => ({
      mode: await service.getMode(request.params.subject, flag(request.query, 'defaultToGlobal')),
    }),
  );
  app.put<{ Params: SubjectParams }>(
    '/mode/:subject',
    { schema: { params: subjectPath, querystring: queries.force, ...modeUpdate } },
    async (request) => ({
      mode: await service.setMode(
        field(request.body, 'mode'),
        request.params.subject,
        flag(request.query, 'force'),
      ),
    }),
  );
  app.delete<{ Params: SubjectParams }>(
    '/mode/:subject',
    { schema: { params: subjectPath, response: subjectModeAnswer } },
    async (request) => ({ mode: await service.deleteMode(request.params.subject) }),
  );
}
