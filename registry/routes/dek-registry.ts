import type { FastifyInstance } from 'fastify';
import type { DekRegistry, DekScope } from '../dek/dek-registry.js';
import {
  checkKeyName,
  checkKeySubject,
  parseAlgorithm,
  parseDekRequest,
  parseKekRequest,
  parseKekUpdate,
} from '../dek/dek-requests.js';
import { parseVersion } from '../service/request-body.js';
import { flag, page } from './query.js';

interface KekParams {
  readonly name: string;
}

interface DekParams extends KekParams {
  readonly subject: string;
}

interface DekVersionParams extends DekParams {
  readonly version: string;
}

const base = '/dek-registry/v1/keks';

/** `subjectPrefix` may be given several times (Confluent takes a list). */
function subjectPrefixes(query: unknown): string[] {
  const value = (query as Record<string, unknown> | undefined)?.subjectPrefix;
  const values = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return values.filter((v): v is string => typeof v === 'string' && v !== '');
}

function scope(params: DekParams, query: unknown): DekScope {
  return {
    kekName: checkKeyName(params.name),
    subject: checkKeySubject(params.subject),
    algorithm: parseAlgorithm((query as Record<string, unknown> | undefined)?.algorithm),
  };
}

/** Confluent's DEK registry resource (`/dek-registry/v1/keks`): KEKs, DEKs, versions, deletes. */
export function dekRegistryRoutes(app: FastifyInstance, registry: DekRegistry): void {
  app.get(base, async (request) =>
    page(
      await registry.kekNames(subjectPrefixes(request.query), flag(request.query, 'deleted')),
      request.query,
    ),
  );

  app.post(base, async (request) => registry.createKek(parseKekRequest(request.body)));

  app.get<{ Params: KekParams }>(`${base}/:name`, async (request) =>
    registry.getKek(checkKeyName(request.params.name), flag(request.query, 'deleted')),
  );

  app.put<{ Params: KekParams }>(`${base}/:name`, async (request) =>
    registry.updateKek(checkKeyName(request.params.name), parseKekUpdate(request.body)),
  );

  app.delete<{ Params: KekParams }>(`${base}/:name`, async (request, reply) => {
    await registry.deleteKek(checkKeyName(request.params.name), flag(request.query, 'permanent'));
    return reply.code(204).send();
  });

  app.post<{ Params: KekParams }>(`${base}/:name/undelete`, async (request, reply) => {
    await registry.undeleteKek(checkKeyName(request.params.name));
    return reply.code(204).send();
  });

  app.get<{ Params: KekParams }>(`${base}/:name/deks`, async (request) =>
    page(
      await registry.dekSubjects(checkKeyName(request.params.name), flag(request.query, 'deleted')),
      request.query,
    ),
  );

  // The older form with the subject in the body, which Confluent still serves.
  app.post<{ Params: KekParams }>(`${base}/:name/deks`, async (request) => {
    const subject = (request.body as { subject?: unknown } | undefined)?.subject;
    return registry.createDek(
      checkKeyName(request.params.name),
      checkKeySubject(typeof subject === 'string' ? subject : ''),
      parseDekRequest(request.body),
    );
  });

  app.post<{ Params: DekParams }>(`${base}/:name/deks/:subject`, async (request) =>
    registry.createDek(
      checkKeyName(request.params.name),
      checkKeySubject(request.params.subject),
      parseDekRequest(request.body),
    ),
  );

  app.get<{ Params: DekParams }>(`${base}/:name/deks/:subject`, async (request) =>
    registry.getDek(scope(request.params, request.query), 'latest', flag(request.query, 'deleted')),
  );

  app.delete<{ Params: DekParams }>(`${base}/:name/deks/:subject`, async (request, reply) => {
    await registry.deleteDeks(scope(request.params, request.query), flag(request.query, 'permanent'));
    return reply.code(204).send();
  });

  app.post<{ Params: DekParams }>(`${base}/:name/deks/:subject/undelete`, async (request, reply) => {
    await registry.undeleteDeks(scope(request.params, request.query));
    return reply.code(204).send();
  });

  app.get<{ Params: DekParams }>(`${base}/:name/deks/:subject/versions`, async (request) =>
    page(
      await registry.dekVersions(scope(request.params, request.query), flag(request.query, 'deleted')),
      request.query,
    ),
  );

  app.get<{ Params: DekVersionParams }>(`${base}/:name/deks/:subject/versions/:version`, async (request) =>
    registry.getDek(
      scope(request.params, request.query),
      parseVersion(request.params.version),
      flag(request.query, 'deleted'),
    ),
  );

  app.delete<{ Params: DekVersionParams }>(
    `${base}/:name/deks/:subject/versions/:version`,
    async (request, reply) => {
      await registry.deleteDekVersion(
        scope(request.params, request.query),
        parseVersion(request.params.version),
        flag(request.query, 'permanent'),
      );
      return reply.code(204).send();
    },
  );

  app.post<{ Params: DekVersionParams }>(
    `${base}/:name/deks/:subject/versions/:version/undelete`,
    async (request, reply) => {
      await registry.undeleteDekVersion(
        scope(request.params, request.query),
        parseVersion(request.params.version),
      );
      return reply.code(204).send();
    },
  );
}
