import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueName } from '../../support/local-aws.js';
import { call, type RunningRegistry, startRegistry, testResources } from './support.js';

const resources = testResources();
let server: RunningRegistry;
let subject: string;
const schema = JSON.stringify({ type: 'record', name: 'Bad', fields: [{ name: 'id', type: 'string' }] });

beforeAll(async () => {
  server = await startRegistry(resources);
  subject = uniqueName('bad-value');
  await call(server.url, 'POST', `/subjects/${subject}/versions`, { schema });
});
afterAll(async () => {
  await server?.close();
  await resources.drop();
});

describe('Registry service bad input', () => {
  const cases: [string, string, () => string, unknown, number, number][] = [
    ['malformed JSON', 'POST', () => `/subjects/${subject}/versions`, '{"schema":', 400, 400],
    ['a body that is an array', 'POST', () => `/subjects/${subject}/versions`, [1], 422, 42201],
    [
      'a schema that is not a string',
      'POST',
      () => `/subjects/${subject}/versions`,
      { schema: 7 },
      422,
      42201,
    ],
    [
      'an unknown schemaType',
      'POST',
      () => `/subjects/${subject}/versions`,
      { schema, schemaType: 'XML' },
      422,
      42201,
    ],
    [
      'Avro that is not JSON',
      'POST',
      () => `/subjects/${subject}/versions`,
      { schema: 'record Bad {' },
      422,
      42201,
    ],
    [
      'an invalid Protobuf',
      'POST',
      () => `/subjects/${uniqueName('p')}/versions`,
      { schema: 'message {', schemaType: 'PROTOBUF' },
      422,
      42201,
    ],
    [
      'an invalid JSON Schema',
      'POST',
      () => `/subjects/${uniqueName('j')}/versions`,
      { schema: '{"type":12}', schemaType: 'JSON' },
      422,
      42201,
    ],
    [
      'a reference to a missing subject',
      'POST',
      () => `/subjects/${uniqueName('r')}/versions`,
      { schema, references: [{ name: 'X', subject: 'nowhere', version: 1 }] },
      422,
      42201,
    ],
    [
      "a schema over Glue's 170,000 characters",
      'POST',
      () => `/subjects/${subject}/versions`,
      { schema: `"${'s'.repeat(170_000)}"` },
      422,
      42201,
    ],
    ['version 0', 'GET', () => `/subjects/${subject}/versions/0`, undefined, 422, 42202],
    [
      'a version beyond 2^31-1',
      'GET',
      () => `/subjects/${subject}/versions/99999999999`,
      undefined,
      422,
      42202,
    ],
    ['an unknown version', 'GET', () => `/subjects/${subject}/versions/42`, undefined, 404, 40402],
    ['an unknown subject', 'GET', () => `/subjects/${uniqueName('none')}/versions/1`, undefined, 404, 40401],
    ['a non-numeric id', 'GET', () => '/schemas/ids/abc', undefined, 404, 40403],
    [
      'an invalid compatibility level',
      'PUT',
      () => `/config/${subject}`,
      { compatibility: 'SOMETIMES' },
      422,
      42203,
    ],
    ['a config body without a level', 'PUT', () => '/config', {}, 422, 42203],
    ['an invalid mode', 'PUT', () => `/mode/${subject}`, { mode: 'WRITEONLY' }, 422, 42204],
    [
      'a subject too long for a Glue schema name',
      'POST',
      () => `/subjects/${'x'.repeat(300)}/versions`,
      { schema },
      422,
      42208,
    ],
    ['an unknown path', 'GET', () => '/nothing/here', undefined, 404, 404],
  ];

  it.each(cases)(
    'answers %s with the Confluent status and error code',
    async (_name, method, path, body, status, code) => {
      const answer = await call(server.url, method, path(), body);
      expect(answer.status).toBe(status);
      expect(answer.body.error_code).toBe(code);
    },
  );

  it('accepts subjects with characters Glue names cannot hold', async () => {
    const odd = `${uniqueName('odd')}:ns/evt@v$1`;
    const path = `/subjects/${encodeURIComponent(odd)}/versions`;
    const registered = await call(server.url, 'POST', path, { schema });
    expect(registered.status).toBe(200);
    expect((await call(server.url, 'GET', `${path}/1`)).body).toMatchObject({ subject: odd, version: 1 });
  });

  it("keeps a schema near Glue's limit whose UTF-8 form exceeds a DynamoDB item, and serves it back", async () => {
    const big = JSON.stringify({ type: 'record', name: 'Big', doc: '€'.repeat(160_000), fields: [] });
    const path = `/subjects/${uniqueName('big-value')}/versions`;
    const registered = await call(server.url, 'POST', path, { schema: big });
    expect(registered.status).toBe(200);
    const served = await call(server.url, 'GET', `/schemas/ids/${registered.body.id}`);
    expect(JSON.parse(served.body.schema).doc).toHaveLength(160_000);
  });
});
