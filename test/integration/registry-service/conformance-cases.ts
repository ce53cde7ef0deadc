import { describe, expect, it } from 'vitest';
import { uniqueName } from '../../support/local-aws.js';
import type { RegistryTarget } from './support.js';
import { call } from './support.js';

/**
 * One Confluent Schema Registry API suite, run against Apicurio's ccompat API (a registry
 * nobody here wrote), against Eventline's registry service in process, and against the
 * registry image's bundle started from the cloud assembly. The expectations follow
 * Confluent's documentation; where Apicurio 3.0.9 differs, the test is skipped for it and
 * the reason is in `apicurioDiffers`.
 */
export const apicurioDiffers = {
  putConfigAnswer:
    "PUT /config and PUT /config/{subject} answer `compatibilityLevel` instead of Confluent's `compatibility`",
  subjectConfig404: 'GET /config/{subject} without a subject level answers 404 without error_code 40408',
  mode: 'modes are not implemented: PUT /mode/{subject} answers an empty body, GET /mode answers 404',
  versionFormat: 'a malformed version (`first`) is answered with 404 instead of 422 / 42202',
  oversized: "accepts schemas over 170,000 characters (the limit is AWS Glue's)",
  softDelete:
    'a permanent delete of a subject that was not soft-deleted first answers 409 instead of 404 / 40405',
  subjectNone: 'a per-subject NONE level is ignored: the global level still refuses the change',
  invalidLevel: 'answers an unknown compatibility level with HTTP 500 instead of 422 / 42203',
  verboseMessages: '?verbose=true does not add the `messages` array to an incompatible answer',
} as const;

export type Quirk = keyof typeof apicurioDiffers;

/** A Confluent-API server to check; `url` may be set once the server has started (in beforeAll). */
export type ConformanceTarget = RegistryTarget<Quirk>;

const avro = (fields: unknown[], name = 'Order') =>
  JSON.stringify({ type: 'record', name, namespace: 'conformance', fields });
const v1 = avro([{ name: 'id', type: 'string' }]);
const v2 = avro([
  { name: 'id', type: 'string' },
  { name: 'note', type: ['null', 'string'], default: null },
]);
const breaking = avro([
  { name: 'id', type: 'string' },
  { name: 'total', type: 'long' },
]);

/** Registers the conformance suite once per target. */
export function describeConformance(targets: readonly ConformanceTarget[]): void {
  describe.concurrent.each(targets)('Confluent API conformance: $name', (target) => {
    const unless = (quirk: Quirk) => (target.quirks.has(quirk) ? it.skip : it);
    const api = (method: string, path: string, body?: unknown) => call(target.url, method, path, body);
    const subject = () => uniqueName('conf-value');

    it('registers a schema, answers the same id again, and serves it by subject, version and id', async () => {
      const s = subject();
      const first = await api('POST', `/subjects/${s}/versions`, { schema: v1 });
      const again = await api('POST', `/subjects/${s}/versions`, { schema: v1 });
      expect(first.status).toBe(200);
      expect(again.body.id).toBe(first.body.id);
      expect((await api('GET', `/subjects/${s}/versions`)).body).toEqual([1]);
      const latest = await api('GET', `/subjects/${s}/versions/latest`);
      expect(latest.body).toMatchObject({ subject: s, version: 1, id: first.body.id });
      expect(JSON.parse(latest.body.schema)).toEqual(JSON.parse(v1));
      expect(JSON.parse((await api('GET', `/schemas/ids/${first.body.id}`)).body.schema)).toEqual(
        JSON.parse(v1),
      );
      expect((await api('GET', `/subjects/${s}/versions/1/schema`)).body).toEqual(JSON.parse(v1));
      expect((await api('GET', '/subjects')).body).toContain(s);
    });

    it('gives one id to the same schema under two subjects and lists both', async () => {
      const [a, b] = [subject(), subject()];
      const schema = avro([{ name: 'shared', type: 'string' }], uniqueName('Shared').replace('-', '_'));
      const idA = (await api('POST', `/subjects/${a}/versions`, { schema })).body.id;
      const idB = (await api('POST', `/subjects/${b}/versions`, { schema })).body.id;
      expect(idB).toBe(idA);
      const usages = (await api('GET', `/schemas/ids/${idA}/versions`)).body;
      expect(usages).toEqual(
        expect.arrayContaining([
          { subject: a, version: 1 },
          { subject: b, version: 1 },
        ]),
      );
    });

    it('looks a schema up in a subject, and says which of subject or schema is missing', async () => {
      const s = subject();
      const { id } = (await api('POST', `/subjects/${s}/versions`, { schema: v1 })).body;
      const found = await api('POST', `/subjects/${s}`, { schema: v1 });
      const otherSchema = await api('POST', `/subjects/${s}`, { schema: v2 });
      const otherSubject = await api('POST', `/subjects/${subject()}`, { schema: v1 });
      expect(found.body).toMatchObject({ subject: s, version: 1, id });
      expect(otherSchema).toMatchObject({ status: 404, body: { error_code: 40403 } });
      expect(otherSubject).toMatchObject({ status: 404, body: { error_code: 40401 } });
    });

    it('answers unknown subject, version and id with 40401, 40402 and 40403', async () => {
      const s = subject();
      await api('POST', `/subjects/${s}/versions`, { schema: v1 });
      expect(await api('GET', `/subjects/${subject()}/versions`)).toMatchObject({
        status: 404,
        body: { error_code: 40401 },
      });
      expect(await api('GET', `/subjects/${s}/versions/7`)).toMatchObject({
        status: 404,
        body: { error_code: 40402 },
      });
      expect(await api('GET', '/schemas/ids/2147480000')).toMatchObject({
        status: 404,
        body: { error_code: 40403 },
      });
    });

    unless('versionFormat')('refuses a malformed version with 42202', async () => {
      const s = subject();
      await api('POST', `/subjects/${s}/versions`, { schema: v1 });
      expect(await api('GET', `/subjects/${s}/versions/first`)).toMatchObject({
        status: 422,
        body: { error_code: 42202 },
      });
    });

    it('refuses invalid schema text with 42201', async () => {
      const answer = await api('POST', `/subjects/${subject()}/versions`, {
        schema: '{"type":"record","name":"X"}',
      });
      expect(answer).toMatchObject({ status: 422, body: { error_code: 42201 } });
    });

    it('answers malformed JSON with 400, not a server error', async () => {
      const answer = await api('POST', `/subjects/${subject()}/versions`, '{"schema": ');
      expect(answer.status).toBe(400);
    });

    unless('oversized')('refuses a schema over 170,000 characters with 422 and 42201', async () => {
      const doc = 'x'.repeat(170_001);
      const schema = JSON.stringify({ type: 'record', name: 'Big', doc, fields: [] });
      const answer = await api('POST', `/subjects/${subject()}/versions`, { schema });
      expect(answer).toMatchObject({ status: 422, body: { error_code: 42201 } });
    });

    it('refuses an incompatible schema under BACKWARD with 409 and accepts a compatible one', async () => {
      const s = subject();
      await api('PUT', `/config/${s}`, { compatibility: 'BACKWARD' });
      await api('POST', `/subjects/${s}/versions`, { schema: v1 });
      const refused = await api('POST', `/subjects/${s}/versions`, { schema: breaking });
      const accepted = await api('POST', `/subjects/${s}/versions`, { schema: v2 });
      expect(refused).toMatchObject({ status: 409, body: { error_code: 409 } });
      expect(accepted.status).toBe(200);
      expect((await api('GET', `/subjects/${s}/versions`)).body).toEqual([1, 2]);
    });

    it('tells compatibility without registering, with messages when verbose', async () => {
      const s = subject();
      await api('PUT', `/config/${s}`, { compatibility: 'BACKWARD' });
      await api('POST', `/subjects/${s}/versions`, { schema: v1 });
      const no = await api('POST', `/compatibility/subjects/${s}/versions/latest?verbose=true`, {
        schema: breaking,
      });
      const yes = await api('POST', `/compatibility/subjects/${s}/versions/latest`, { schema: v2 });
      expect(no.body.is_compatible).toBe(false);
      expect(yes.body.is_compatible).toBe(true);
      expect((await api('GET', `/subjects/${s}/versions`)).body).toEqual([1]);
    });

    unless('verboseMessages')('says why a schema is incompatible when asked verbosely', async () => {
      const s = subject();
      await api('PUT', `/config/${s}`, { compatibility: 'BACKWARD' });
      await api('POST', `/subjects/${s}/versions`, { schema: v1 });
      const no = await api('POST', `/compatibility/subjects/${s}/versions/latest?verbose=true`, {
        schema: breaking,
      });
      expect(no.body.messages.join('\n')).toMatch(/total/);
    });

    it('sets, reads and removes a subject-level compatibility', async () => {
      const s = subject();
      expect((await api('PUT', `/config/${s}`, { compatibility: 'FULL' })).status).toBe(200);
      expect((await api('GET', `/config/${s}`)).body).toMatchObject({ compatibilityLevel: 'FULL' });
      expect((await api('DELETE', `/config/${s}`)).status).toBe(200);
    });

    unless('invalidLevel')('refuses an unknown compatibility level with 42203', async () => {
      expect(await api('PUT', `/config/${subject()}`, { compatibility: 'SIDEWAYS' })).toMatchObject({
        status: 422,
        body: { error_code: 42203 },
      });
    });

    unless('subjectConfig404')('answers 40408 for a subject without its own level', async () => {
      expect(await api('GET', `/config/${subject()}`)).toMatchObject({
        status: 404,
        body: { error_code: 40408 },
      });
    });

    unless('putConfigAnswer')('answers PUT /config with the level it set', async () => {
      const current = (await api('GET', '/config')).body.compatibilityLevel;
      expect((await api('PUT', '/config', { compatibility: current })).body).toEqual({
        compatibility: current,
      });
    });

    it('answers the global compatibility level', async () => {
      expect((await api('GET', '/config')).body.compatibilityLevel).toMatch(/^(NONE|BACKWARD|FORWARD|FULL)/);
    });

    it('soft-deletes a version so it is no longer served', async () => {
      const s = subject();
      await api('POST', `/subjects/${s}/versions`, { schema: v1 });
      await api('POST', `/subjects/${s}/versions`, { schema: v2 });
      expect((await api('DELETE', `/subjects/${s}/versions/2`)).body).toBe(2);
      expect(await api('GET', `/subjects/${s}/versions/2`)).toMatchObject({
        status: 404,
        body: { error_code: 40402 },
      });
      expect((await api('GET', `/subjects/${s}/versions`)).body).toEqual([1]);
    });

    it('soft-deletes then permanently deletes a subject', async () => {
      const s = subject();
      await api('POST', `/subjects/${s}/versions`, { schema: v1 });
      expect((await api('DELETE', `/subjects/${s}`)).body).toEqual([1]);
      expect(await api('GET', `/subjects/${s}/versions`)).toMatchObject({
        status: 404,
        body: { error_code: 40401 },
      });
      expect((await api('GET', '/subjects')).body).not.toContain(s);
      expect((await api('DELETE', `/subjects/${s}?permanent=true`)).body).toEqual([1]);
      const again = await api('POST', `/subjects/${s}/versions`, { schema: v2 });
      expect(again.status).toBe(200);
      expect((await api('GET', `/subjects/${s}/versions`)).body).toEqual([1]);
    });

    unless('softDelete')(
      'shows soft-deleted subjects with ?deleted=true and refuses a permanent delete first',
      async () => {
        const s = subject();
        await api('POST', `/subjects/${s}/versions`, { schema: v1 });
        expect(await api('DELETE', `/subjects/${s}?permanent=true`)).toMatchObject({
          status: 404,
          body: { error_code: 40405 },
        });
        await api('DELETE', `/subjects/${s}`);
        expect((await api('GET', '/subjects?deleted=true')).body).toContain(s);
        expect(await api('DELETE', `/subjects/${s}`)).toMatchObject({
          status: 404,
          body: { error_code: 40404 },
        });
      },
    );

    unless('subjectNone')('accepts any change once the subject level is NONE', async () => {
      const s = subject();
      await api('POST', `/subjects/${s}/versions`, { schema: v1 });
      await api('PUT', `/config/${s}`, { compatibility: 'NONE' });
      const answer = await api('POST', `/subjects/${s}/versions`, { schema: breaking });
      expect(answer.status).toBe(200);
      expect((await api('GET', `/subjects/${s}/versions`)).body).toEqual([1, 2]);
    });

    it('registers a JSON Schema that has no $schema', async () => {
      const schema = JSON.stringify({ type: 'object', properties: { id: { type: 'string' } } });
      const answer = await api('POST', `/subjects/${subject()}/versions`, { schema, schemaType: 'JSON' });
      expect(answer.status).toBe(200);
    });

    it('lists the schema types', async () => {
      expect((await api('GET', '/schemas/types')).body).toEqual(
        expect.arrayContaining(['AVRO', 'JSON', 'PROTOBUF']),
      );
    });

    it('registers JSON Schema and Protobuf and reports their schemaType', async () => {
      const jsonSchema = JSON.stringify({
        $schema: 'http://json-schema.org/draft-07/schema#',
        type: 'object',
        properties: { id: { type: 'string' } },
      });
      const proto = 'syntax = "proto3";\npackage conformance;\n\nmessage Ping {\n  string id = 1;\n}\n';
      const [js, pb] = [subject(), subject()];
      const jsonId = (
        await api('POST', `/subjects/${js}/versions`, { schema: jsonSchema, schemaType: 'JSON' })
      ).body.id;
      const protoId = (
        await api('POST', `/subjects/${pb}/versions`, { schema: proto, schemaType: 'PROTOBUF' })
      ).body.id;
      expect((await api('GET', `/subjects/${js}/versions/1`)).body).toMatchObject({
        schemaType: 'JSON',
        id: jsonId,
      });
      expect((await api('GET', `/schemas/ids/${protoId}`)).body).toMatchObject({ schemaType: 'PROTOBUF' });
    });

    it('registers a schema that references another subject and serves the references', async () => {
      const [moneySubject, orderSubject] = [subject(), subject()];
      const money = JSON.stringify({
        type: 'record',
        name: 'Money',
        namespace: 'conformance.common',
        fields: [{ name: 'cents', type: 'long' }],
      });
      await api('POST', `/subjects/${moneySubject}/versions`, { schema: money });
      const references = [{ name: 'conformance.common.Money', subject: moneySubject, version: 1 }];
      const order = avro([{ name: 'total', type: 'conformance.common.Money' }], 'Priced');
      const registered = await api('POST', `/subjects/${orderSubject}/versions`, {
        schema: order,
        references,
      });
      expect(registered.status).toBe(200);
      expect((await api('GET', `/subjects/${orderSubject}/versions/1`)).body.references).toEqual(references);
      expect((await api('GET', `/subjects/${moneySubject}/versions/1/referencedby`)).body).toEqual([
        registered.body.id,
      ]);
    });

    it('refuses to delete a version another schema references with 42206', async () => {
      const [moneySubject, orderSubject] = [subject(), subject()];
      const money = JSON.stringify({
        type: 'record',
        name: 'Cash',
        namespace: 'conformance.guard',
        fields: [],
      });
      await api('POST', `/subjects/${moneySubject}/versions`, { schema: money });
      const references = [{ name: 'conformance.guard.Cash', subject: moneySubject, version: 1 }];
      const order = avro([{ name: 'paid', type: 'conformance.guard.Cash' }], 'Guarded');
      await api('POST', `/subjects/${orderSubject}/versions`, { schema: order, references });
      expect(await api('DELETE', `/subjects/${moneySubject}/versions/1`)).toMatchObject({
        status: 422,
        body: { error_code: 42206 },
      });
      expect(await api('DELETE', `/subjects/${moneySubject}`)).toMatchObject({
        status: 422,
        body: { error_code: 42206 },
      });
    });

    unless('mode')('refuses writes to a READONLY subject with 42205', async () => {
      const s = subject();
      await api('POST', `/subjects/${s}/versions`, { schema: v1 });
      expect((await api('PUT', `/mode/${s}`, { mode: 'READONLY' })).body).toEqual({ mode: 'READONLY' });
      expect(await api('POST', `/subjects/${s}/versions`, { schema: v2 })).toMatchObject({
        status: 422,
        body: { error_code: 42205 },
      });
      expect((await api('GET', '/mode')).body).toEqual({ mode: 'READWRITE' });
      await api('PUT', `/mode/${s}`, { mode: 'READWRITE' });
      expect((await api('POST', `/subjects/${s}/versions`, { schema: v2 })).status).toBe(200);
    });
  });
}
