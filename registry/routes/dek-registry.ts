import type { FastifyInstance } from 'fastify';
import { model } from '../api/models.js';
import { dekPath, dekVersionPath, kekPath, queries } from '../api/parameters.js';
import { answers, failures as f, noContent, shapes } from '../api/responses.js';
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

const kek = model('Kek');
const dek = model('Dek');
const keyFailures = [f.keyNotFound, f.invalidKey, f.store] as const;
const done = noContent(...keyFailures);
const createDek = {
  body: model('CreateDekRequest'),
  response: answers(dek, f.badJson, f.keyNotFound, f.keyExists, f.invalidKey, f.store),
} as const;

/** Confluent's DEK registry resource (`/dek-registry/v1/keks`): KEKs, DEKs, versions, deletes. */
export function dekRegistryRoutes(app: FastifyInstance, registry: DekRegistry): void {
  app.get(
    base,
    { schema: { querystring: queries.keks, response: answers(shapes.strings, f.store) } },
    async (request) =>
      page(
        await registry.kekNames(subjectPrefixes(request.query), flag(request.query, 'deleted')),
        request.query,
      ),
  );

  app.post(
    base,
    {
      schema: {
        body: model('CreateKekRequest'),
        response: answers(kek, f.badJson, f.keyExists, f.invalidKey, f.store),
      },
    },
    async (request) => registry.createKek(parseKekRequest(request.body)),
  );

  app.get<{ Params: KekParams }>(
    `${base}/:name`,
    { schema: { params: kekPath, querystring: queries.deleted, response: answers(kek, ...keyFailures) } },
    async (request) => registry.getKek(checkKeyName(request.params.name), flag(request.query, 'deleted')),
  );

  app.put<{ Params: KekParams }>(
    `${base}/:name`,
    {
      schema: {
        params: kekPath,
        body: model('UpdateKekRequest'),
        response: answers(kek, f.badJson, ...keyFailures),
      },
    },
    async (request) => registry.updateKek(checkKeyName(request.params.name), parseKekUpdate(request.body)),
  );

  app.delete<{ Params: KekParams }>(
    `${base}/:name`,
    { schema: { params: kekPath, querystring: queries.permanent, response: done } },
    async (request, reply) => {
      await registry.deleteKek(checkKeyName(request.params.name), flag(request.query, 'permanent'));
      return reply.code(204).send();
    },
  );

  app.post<{ Params: KekParams }>(
    `${base}/:name/undelete`,
    { schema: { params: kekPath, response: done } },
    async (request, reply) => {
      await registry.undeleteKek(checkKeyName(request.params.name));
      return reply.code(204).send();
    },
  );

  app.get<{ Params: KekParams }>(
    `${base}/:name/deks`,
    {
      schema: {
        params: kekPath,
        querystring: queries.deletedPaging,
        response: answers(shapes.strings, ...keyFailures),
      },
    },
    async (request) =>
      page(
        await registry.dekSubjects(checkKeyName(request.params.name), flag(request.query, 'deleted')),
        request.query,
      ),
  );

  // The older form with the subject in the body, which Confluent still serves.
  app.post<{ Params: KekParams }>(
    `${base}/:name/deks`,
    { schema: { params: kekPath, ...createDek } },
    async (request) => {
      const subject = (request.body as { subject?: unknown } | undefined)?.subject;
      return registry.createDek(
        checkKeyName(request.params.name),
        checkKeySubject(typeof subject === 'string' ? subject : ''),
        parseDekRequest(request.body),
      );
    },
  );

  app.post<{ Params: DekParams }>(
    `${base}/:name/deks/:subject`,
    { schema: { params: dekPath, ...createDek } },
    async (request) =>
      registry.createDek(
        checkKeyName(request.params.name),
        checkKeySubject(request.params.subject),
        parseDekRequest(request.body),
      ),
  );

  app.get<{ Params: DekParams }>(
    `${base}/:name/deks/:subject`,
    {
      schema: {
        params: dekPath,
        querystring: queries.algorithmDeleted,
        response: answers(dek, ...keyFailures),
      },
    },
    async (request) =>
      registry.getDek(scope(request.params, request.query), 'latest', flag(request.query, 'deleted')),
  );

  app.delete<{ Params: DekParams }>(
    `${base}/:name/deks/:subject`,
    { schema: { params: dekPath, querystring: queries.algorithmPermanent, response: done } },
    async (request, reply) => {
      await registry.deleteDeks(scope(request.params, request.query), flag(request.query, 'permanent'));
      return reply.code(204).send();
    },
  );

  app.post<{ Params: DekParams }>(
    `${base}/:name/deks/:subject/undelete`,
    { schema: { params: dekPath, querystring: queries.algorithm, response: done } },
    async (request, reply) => {
      await registry.undeleteDeks(scope(request.params, request.query));
      return reply.code(204).send();
    },
  );

  app.get<{ Params: DekParams }>(
    `${base}/:name/deks/:subject/versions`,
    {
      schema: {
        params: dekPath,
        querystring: queries.algorithmDeletedPaging,
        response: answers(shapes.integers, ...keyFailures),
      },
    },
    async (request) =>
      page(
        await registry.dekVersions(scope(request.params, request.query), flag(request.query, 'deleted')),
        request.query,
      ),
  );

  app.get<{ Params: DekVersionParams }>(
    `${base}/:name/deks/:subject/versions/:version`,
    {
      schema: {
        params: dekVersionPath,
        querystring: queries.algorithmDeleted,
        response: answers(dek, ...keyFailures),
      },
    },
    async (request) =>
      registry.getDek(
        scope(request.params, request.query),
        parseVersion(request.params.version),
        flag(request.query, 'deleted'),
      ),
  );

  app.delete<{ Params: DekVersionParams }>(
    `${base}/:name/deks/:subject/versions/:version`,
    { schema: { params: dekVersionPath, querystring: queries.algorithmPermanent, response: done } },
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
    { schema: { params: dekVersionPath, querystring: queries.algorithm, response: done } },
    async (request, reply) => {
      await registry.undeleteDekVersion(
        scope(request.params, request.query),
        parseVersion(request.params.version),
      );
      return reply.code(204).send();
    },
  );
}
