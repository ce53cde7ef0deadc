import avro from 'avsc';
import { describe, expect, it } from 'vitest';
import { uniqueName } from '../../support/local-aws.js';
import { call, eventlineAndApicurio } from './support.js';

/**
 * Confluent Schema Registry 7.9 behaviours traced to its source (KafkaSchemaRegistry.register,
 * lookUpSchemaUnderSubject, setMode, the Avro/JSON/Protobuf providers' canonicalString and
 * normalize, the resources' @Consumes/@Produces), run against Eventline's registry service
 * and against Apicurio. Where Apicurio 3.0.9 differs, the reason is in `apicurioDiffers`.
 */
const apicurioDiffers = {
  revival:
    'after soft-deleting versions 1 and 2, re-registering version 1 lists version 2 (Confluent: version 3, same id)',
  idSubjects: 'GET /schemas/ids/{id}/subjects answers an empty body instead of the list of subjects',
  normalizeConfig: 'PUT /config/{s} with only normalize answers error_code 0 "Name is null"',
  lookupOrder:
    'a lookup of invalid schema text under an unknown subject answers 404 (Confluent parses first: 42201)',
  listings: 'GET /subjects ignores subjectPrefix, and GET /schemas is 404 with an empty body',
  importMode: 'PUT /mode/{s} IMPORT on a subject with versions answers 204 (Confluent: 42205)',
  mediaTypes:
    'answers 415 and 406 with empty bodies, application/json without an Accept header, and 415 for octet-stream (Confluent: error bodies, its v1 type, accepted)',
} as const;

type Quirk = keyof typeof apicurioDiffers;

const targets = eventlineAndApicurio(apicurioDiffers);

const recordName = () => uniqueName('Sem').replaceAll('-', '_');

describe.concurrent.each(targets)('Confluent semantics: $name', (target) => {
  const unless = (quirk: Quirk) => (target.quirks.has(quirk) ? it.skip : it);
  const api = (method: string, path: string, body?: unknown) => call(target.url, method, path, body);
  const subject = () => uniqueName('sem-value');

  it('keeps one id and one version for an Avro schema written with its keys reordered', async () => {
    const s = subject();
    const name = recordName();
    const original = `{"type":"record","name":"${name}","namespace":"sem","fields":[{"name":"id","type":"string"}]}`;
    const reordered = `{ "fields": [ { "type": {"type":"string"}, "name": "id" } ], "namespace": "sem", "name": "${name}", "type": "record" }`;
    const first = (await api('POST', `/subjects/${s}/versions`, { schema: original })).body.id;
    const second = await api('POST', `/subjects/${s}/versions`, { schema: reordered });
    expect(second).toMatchObject({ status: 200, body: { id: first } });
    expect((await api('GET', `/subjects/${s}/versions`)).body).toEqual([1]);
    expect((await api('GET', `/subjects/${s}/versions/1`)).body.id).toBe(first);
    expect((await api('POST', `/subjects/${s}`, { schema: reordered })).body).toMatchObject({
      version: 1,
      id: first,
    });
  });

  it('finds {"type":"string"} where "string" was registered, with and without normalize', async () => {
    const s = subject();
    const { id } = (await api('POST', `/subjects/${s}/versions`, { schema: '"string"' })).body;
    const plain = await api('POST', `/subjects/${s}`, { schema: '{"type":"string"}' });
    const normalized = await api('POST', `/subjects/${s}?normalize=true`, { schema: '{"type":"string"}' });
    expect(plain.body).toMatchObject({ subject: s, version: 1, id });
    expect(normalized.body).toMatchObject({ subject: s, version: 1, id });
    expect(
      (await api('POST', `/subjects/${s}/versions?normalize=true`, { schema: '{"type":"string"}' })).body,
    ).toEqual({
      id,
    });
  });

  it('stores a normalized Avro schema with normalize=true and finds the original text by it', async () => {
    const s = subject();
    const name = recordName();
    const schema = JSON.stringify({
      type: 'record',
      name,
      namespace: 'sem',
      fields: [{ name: 'a', type: 'int' }],
    });
    const { id } = (await api('POST', `/subjects/${s}/versions?normalize=true`, { schema })).body;
    const served = (await api('GET', `/schemas/ids/${id}`)).body.schema;
    expect(avro.Type.forSchema(JSON.parse(served)).toString()).toBe(
      avro.Type.forSchema(JSON.parse(schema)).toString(),
    );
    expect((await api('POST', `/subjects/${s}?normalize=true`, { schema })).body).toMatchObject({
      version: 1,
      id,
    });
    expect((await api('POST', `/subjects/${s}`, { schema })).body).toMatchObject({ version: 1, id });
  });

  unless('revival')(
    'registers version 3 with the same id after versions 1 and 2 were soft-deleted',
    async () => {
      const s = subject();
      await api('PUT', `/config/${s}`, { compatibility: 'NONE' });
      const name = recordName();
      const one = JSON.stringify({ type: 'record', name, fields: [{ name: 'a', type: 'int' }] });
      const two = JSON.stringify({ type: 'record', name, fields: [{ name: 'b', type: 'string' }] });
      const id = (await api('POST', `/subjects/${s}/versions`, { schema: one })).body.id;
      await api('POST', `/subjects/${s}/versions`, { schema: two });
      await api('DELETE', `/subjects/${s}/versions/1`);
      await api('DELETE', `/subjects/${s}/versions/2`);
      expect((await api('POST', `/subjects/${s}/versions`, { schema: one })).body).toEqual({ id });
      expect((await api('GET', `/subjects/${s}/versions`)).body).toEqual([3]);
      expect((await api('GET', `/subjects/${s}/versions/3`)).body).toMatchObject({ version: 3, id });
      expect(await api('GET', `/subjects/${s}/versions/1`)).toMatchObject({
        status: 404,
        body: { error_code: 40402 },
      });
    },
  );

  unless('idSubjects')(
    'lists the subjects and versions of an id, soft-deleted ones only with ?deleted=true',
    async () => {
      const [a, b] = [subject(), subject()];
      const schema = JSON.stringify({ type: 'record', name: recordName(), fields: [] });
      const { id } = (await api('POST', `/subjects/${a}/versions`, { schema })).body;
      await api('POST', `/subjects/${b}/versions`, { schema });
      await api('DELETE', `/subjects/${b}/versions/1`);
      expect((await api('GET', `/schemas/ids/${id}/subjects`)).body).toEqual([a]);
      expect([...(await api('GET', `/schemas/ids/${id}/subjects?deleted=true`)).body].sort()).toEqual(
        [a, b].sort(),
      );
      expect((await api('GET', `/schemas/ids/${id}/versions`)).body).toEqual([{ subject: a, version: 1 }]);
      expect((await api('GET', `/schemas/ids/${id}/versions?deleted=true`)).body).toHaveLength(2);
      expect(await api('GET', '/schemas/ids/2147480001/subjects')).toMatchObject({
        status: 404,
        body: { error_code: 40403 },
      });
    },
  );

  unless('importMode')(
    'allows IMPORT on an empty subject only, and imports a schema with its id and version',
    async () => {
      const [full, empty] = [subject(), subject()];
      await api('POST', `/subjects/${full}/versions`, {
        schema: JSON.stringify({ type: 'record', name: recordName(), fields: [] }),
      });
      expect(await api('PUT', `/mode/${full}`, { mode: 'IMPORT' })).toMatchObject({
        status: 422,
        body: { error_code: 42205 },
      });
      const explicit = {
        schema: JSON.stringify({ type: 'record', name: recordName(), fields: [] }),
        id: 1_900_000_000 + Math.floor(Math.random() * 1e8),
        version: 4,
      };
      expect(await api('POST', `/subjects/${empty}/versions`, explicit)).toMatchObject({
        status: 422,
        body: { error_code: 42205 },
      });
      expect((await api('PUT', `/mode/${empty}`, { mode: 'IMPORT' })).body).toEqual({ mode: 'IMPORT' });
      expect((await api('POST', `/subjects/${empty}/versions`, explicit)).body).toEqual({ id: explicit.id });
      expect((await api('GET', `/subjects/${empty}/versions/4`)).body).toMatchObject({
        version: 4,
        id: explicit.id,
      });
      expect((await api('POST', `/subjects/${empty}/versions`, explicit)).body).toEqual({ id: explicit.id });
      const other = { schema: '"int"', id: explicit.id + 1, version: 4 };
      expect(await api('POST', `/subjects/${empty}/versions`, other)).toMatchObject({
        status: 422,
        body: { error_code: 42205 },
      });
      expect((await api('GET', `/subjects/${empty}/versions`)).body).toEqual([4]);
      const withoutId = await api('POST', `/subjects/${empty}/versions`, { schema: '"int"' });
      expect(withoutId).toMatchObject({ status: 422, body: { error_code: 42205 } });
      await api('PUT', `/mode/${empty}`, { mode: 'READWRITE' });
      expect((await api('GET', `/schemas/ids/${explicit.id}`)).status).toBe(200);
    },
  );

  unless('importMode')(
    'hard-deletes soft-deleted versions when a subject enters IMPORT, so their numbers can be imported',
    async () => {
      const s = subject();
      const name = recordName();
      await api('POST', `/subjects/${s}/versions`, {
        schema: JSON.stringify({ type: 'record', name, fields: [] }),
      });
      await api('DELETE', `/subjects/${s}`);
      expect((await api('PUT', `/mode/${s}`, { mode: 'IMPORT' })).body).toEqual({ mode: 'IMPORT' });
      expect(await api('GET', `/subjects/${s}/versions?deleted=true`)).toMatchObject({
        status: 404,
        body: { error_code: 40401 },
      });
      const imported = {
        schema: JSON.stringify({ type: 'record', name, fields: [{ name: 'a', type: 'int', default: 0 }] }),
        id: 1_900_000_000 + Math.floor(Math.random() * 1e8),
        version: 1,
      };
      expect((await api('POST', `/subjects/${s}/versions`, imported)).body).toEqual({ id: imported.id });
      expect((await api('GET', `/subjects/${s}/versions/1`)).body).toMatchObject({ id: imported.id });
      await api('DELETE', `/mode/${s}`);
    },
  );

  unless('listings')(
    'filters subjects and versions by prefix and deleted state, and pages them with offset and limit',
    async () => {
      const prefix = uniqueName('sem-list');
      const [a, b, c] = [`${prefix}-a`, `${prefix}-b`, `${prefix}-c`];
      const name = recordName();
      const one = JSON.stringify({ type: 'record', name, fields: [] });
      const two = JSON.stringify({ type: 'record', name, fields: [{ name: 'x', type: 'int', default: 0 }] });
      for (const s of [a, b, c]) await api('POST', `/subjects/${s}/versions`, { schema: one });
      await api('POST', `/subjects/${a}/versions`, { schema: two });
      await api('DELETE', `/subjects/${a}/versions/1`);
      await api('DELETE', `/subjects/${c}`);
      const list = async (query: string) =>
        (await api('GET', `/subjects?subjectPrefix=${prefix}${query}`)).body;
      expect(await list('')).toEqual([a, b]);
      expect(await list('&deleted=true')).toEqual([a, b, c]);
      expect(await list('&deletedOnly=true')).toEqual([c]);
      expect(await list('&offset=1&limit=1')).toEqual([b]);
      expect((await api('GET', `/subjects/${a}/versions`)).body).toEqual([2]);
      expect((await api('GET', `/subjects/${a}/versions?deletedOnly=true`)).body).toEqual([1]);
      expect((await api('GET', `/subjects/${a}/versions?deleted=true&limit=1`)).body).toEqual([1]);
      expect((await api('GET', `/subjects/${c}/versions?deletedOnly=true`)).body).toEqual([1]);
      expect(await api('GET', `/subjects/${c}/versions`)).toMatchObject({
        status: 404,
        body: { error_code: 40401 },
      });
    },
  );

  unless('listings')('lists schemas under a subject prefix, every version or the latest only', async () => {
    const prefix = uniqueName('sem-schemas');
    const [a, b] = [`${prefix}-a`, `${prefix}-b`];
    const name = recordName();
    const one = JSON.stringify({ type: 'record', name, fields: [] });
    const two = JSON.stringify({ type: 'record', name, fields: [{ name: 'x', type: 'int', default: 0 }] });
    await api('POST', `/subjects/${a}/versions`, { schema: one });
    await api('POST', `/subjects/${a}/versions`, { schema: two });
    await api('POST', `/subjects/${b}/versions`, { schema: one });
    const all = (await api('GET', `/schemas?subjectPrefix=${prefix}`)).body as {
      subject: string;
      version: number;
    }[];
    expect(all.map((s) => [s.subject, s.version])).toEqual([
      [a, 1],
      [a, 2],
      [b, 1],
    ]);
    expect(all[0]).toMatchObject({
      subject: a,
      version: 1,
      schema: expect.any(String),
      id: expect.any(Number),
    });
    const latest = (await api('GET', `/schemas?subjectPrefix=${prefix}&latestOnly=true`)).body as {
      subject: string;
      version: number;
    }[];
    expect(latest.map((s) => [s.subject, s.version])).toEqual([
      [a, 2],
      [b, 1],
    ]);
  });

  unless('normalizeConfig')(
    "keeps normalize in a subject's config and normalizes every registration under it",
    async () => {
      const s = subject();
      expect((await api('PUT', `/config/${s}`, { normalize: true })).body).toEqual({ normalize: true });
      expect((await api('GET', `/config/${s}`)).body).toEqual({ normalize: true });
      const global = (await api('GET', '/config')).body.compatibilityLevel;
      expect((await api('GET', `/config/${s}?defaultToGlobal=true`)).body).toMatchObject({
        compatibilityLevel: global,
        normalize: true,
      });
      const schema = JSON.stringify({ type: 'record', name: recordName(), namespace: 'sem', fields: [] });
      const { id } = (await api('POST', `/subjects/${s}/versions`, { schema })).body;
      expect(Object.keys(JSON.parse((await api('GET', `/schemas/ids/${id}`)).body.schema))[0]).toBe('name');
      expect((await api('PUT', `/config/${s}`, { compatibility: 'NONE' })).body).toEqual({
        compatibility: 'NONE',
        normalize: true,
      });
      await api('PUT', `/mode/${s}`, { mode: 'READONLY' });
      expect(await api('PUT', `/config/${s}`, { normalize: false })).toMatchObject({
        status: 422,
        body: { error_code: 42205 },
      });
      await api('DELETE', `/mode/${s}`);
      expect((await api('DELETE', `/config/${s}`)).body).toEqual({
        compatibilityLevel: 'NONE',
        normalize: true,
      });
      expect(await api('GET', `/config/${s}`)).toMatchObject({ status: 404, body: { error_code: 40408 } });
    },
  );

  unless('lookupOrder')(
    'answers a lookup of invalid schema text with 42201, before looking for the subject',
    async () => {
      expect(
        await api('POST', `/subjects/${subject()}`, { schema: '{"type":"record","name":' }),
      ).toMatchObject({
        status: 422,
        body: { error_code: 42201 },
      });
    },
  );

  it('accepts a Protobuf import of a well-known type without a reference', async () => {
    const proto =
      'syntax = "proto3";\npackage sem;\nimport "google/protobuf/timestamp.proto";\n\nmessage Stamped {\n  google.protobuf.Timestamp at = 1;\n}\n';
    const answer = await api('POST', `/subjects/${subject()}/versions`, {
      schema: proto,
      schemaType: 'PROTOBUF',
    });
    expect(answer.status).toBe(200);
  });

  it('gives a Protobuf schema changed only in whitespace and comments the same id and version', async () => {
    const s = subject();
    const proto = 'syntax = "proto3";\npackage sem;\n\nmessage Ping {\n  string id = 1;\n}\n';
    const spaced = '// a comment\nsyntax = "proto3";\n\n\npackage sem;\nmessage   Ping {   string id = 1; }';
    const { id } = (await api('POST', `/subjects/${s}/versions`, { schema: proto, schemaType: 'PROTOBUF' }))
      .body;
    expect(
      (await api('POST', `/subjects/${s}/versions`, { schema: spaced, schemaType: 'PROTOBUF' })).body,
    ).toEqual({ id });
    expect((await api('GET', `/subjects/${s}/versions`)).body).toEqual([1]);
  });

  unless('mediaTypes')(
    'refuses a text/plain body with 415 and answers in the type Accept asks for',
    async () => {
      const refused = await fetch(`${target.url}/subjects/${subject()}/versions`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain' },
        body: JSON.stringify({ schema: '"string"' }),
      });
      expect(refused.status).toBe(415);
      expect(await refused.json()).toEqual({ error_code: 415, message: 'HTTP 415 Unsupported Media Type' });
      const asJson = await fetch(`${target.url}/subjects`, { headers: { accept: 'application/json' } });
      expect(asJson.headers.get('content-type')).toBe('application/json');
      const asDefault = await fetch(`${target.url}/subjects`);
      expect(asDefault.headers.get('content-type')).toBe('application/vnd.schemaregistry.v1+json');
      const accepted = await fetch(`${target.url}/subjects/${subject()}/versions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ schema: '"string"' }),
      });
      expect(accepted.status).toBe(200);
      const untyped = await fetch(`${target.url}/subjects/${subject()}/versions`, {
        method: 'POST',
        headers: { 'content-type': 'application/octet-stream' },
        body: JSON.stringify({ schema: '"string"' }),
      });
      expect(untyped.status).toBe(200);
      const unservable = await fetch(`${target.url}/subjects`, { headers: { accept: 'text/html' } });
      expect(unservable.status).toBe(406);
      expect(await unservable.json()).toEqual({ error_code: 406, message: 'HTTP 406 Not Acceptable' });
    },
  );
});
