import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueName } from '../../support/local-aws.js';
import { call, type RunningRegistry, startRegistry, testResources } from './support.js';

const resources = testResources();
let servers: RunningRegistry[] = [];

beforeAll(async () => {
  // Three tasks behind one load balancer: same Glue registry, same table.
  servers = await Promise.all([startRegistry(resources), startRegistry(resources), startRegistry(resources)]);
});
afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
  await resources.drop();
});

const schemaNamed = (name: string) =>
  JSON.stringify({ type: 'record', name, namespace: 'races', fields: [{ name: 'id', type: 'string' }] });

function register(i: number, subject: string, schema: string): Promise<number> {
  const server = servers[i % servers.length] as RunningRegistry;
  return call(server.url, 'POST', `/subjects/${subject}/versions`, { schema }).then((answer) => {
    if (answer.status !== 200) throw new Error(`HTTP ${answer.status}: ${JSON.stringify(answer.body)}`);
    return answer.body.id as number;
  });
}

describe('Registry service id allocation under concurrency', () => {
  it('gives every concurrent registration of one schema the same id, across instances', async () => {
    const subject = uniqueName('race-same-value');
    const schema = schemaNamed('Same');
    const ids = await Promise.all(Array.from({ length: 12 }, (_, i) => register(i, subject, schema)));
    expect(new Set(ids).size).toBe(1);
    expect((await call(servers[0]?.url ?? '', 'GET', `/subjects/${subject}/versions`)).body).toEqual([1]);
  });

  it('gives concurrent registrations of different schemas distinct ids that stay stable', async () => {
    const names = Array.from({ length: 12 }, (_, i) => `Distinct${i}`);
    const subjects = names.map(() => uniqueName('race-diff-value'));
    const ids = await Promise.all(
      names.map((name, i) => register(i, subjects[i] as string, schemaNamed(name))),
    );
    expect(new Set(ids).size).toBe(names.length);
    const again = await Promise.all(
      names.map((name, i) => register(i + 1, subjects[i] as string, schemaNamed(name))),
    );
    expect(again).toEqual(ids);
    const served = await Promise.all(
      ids.map((id, i) => call(servers[(i + 2) % servers.length]?.url ?? '', 'GET', `/schemas/ids/${id}`)),
    );
    expect(served.map((answer) => JSON.parse(answer.body.schema).name)).toEqual(names);
  });

  it('gives one schema registered concurrently under many subjects a single id', async () => {
    const schema = schemaNamed('Everywhere');
    const subjects = Array.from({ length: 8 }, () => uniqueName('race-multi-value'));
    const ids = await Promise.all(subjects.map((subject, i) => register(i, subject, schema)));
    expect(new Set(ids).size).toBe(1);
  });

  it('numbers concurrent registrations of different schemas in one subject without giving a version twice', async () => {
    const subject = uniqueName('race-versions-value');
    await call(servers[0]?.url ?? '', 'PUT', `/config/${subject}`, { compatibility: 'NONE' });
    const names = Array.from({ length: 5 }, (_, i) => `Version${i}`);
    const ids = await Promise.all(names.map((name, i) => register(i, subject, schemaNamed(name))));
    const versions = (await call(servers[1]?.url ?? '', 'GET', `/subjects/${subject}/versions`)).body;
    expect(versions).toEqual([1, 2, 3, 4, 5]);
    const held = await Promise.all(
      versions.map(
        async (v: number) =>
          (await call(servers[2]?.url ?? '', 'GET', `/subjects/${subject}/versions/${v}`)).body.id,
      ),
    );
    expect([...held].sort()).toEqual([...ids].sort());
  });
});
