import { describe, expect, it } from 'vitest';
import { uniqueName } from '../../support/local-aws.js';
import { call, registryPerFile } from './support.js';

const server = registryPerFile();

const api = (method: string, path: string, body?: unknown) => call(server.url, method, path, body);
const subject = () => `${uniqueName('compat-formats')}-value`;

const jsonSchema = (properties: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  schemaType: 'JSON',
  schema: JSON.stringify({ type: 'object', properties, ...extra }),
});
const proto = (amountType: string) => ({
  schemaType: 'PROTOBUF',
  schema: `syntax = "proto3";\npackage compat.it;\nmessage Order {\n  string id = 1;\n  ${amountType} amount = 2;\n}\n`,
});

describe('registry service compatibility for JSON Schema and Protobuf (Confluent rules)', () => {
  it('refuses under BACKWARD a JSON Schema property changed from string to integer, with 409 and the rule', async () => {
    const s = subject();
    await api('PUT', `/config/${s}`, { compatibility: 'BACKWARD' });
    expect(
      (await api('POST', `/subjects/${s}/versions`, jsonSchema({ id: { type: 'string' } }))).status,
    ).toBe(200);
    const changed = jsonSchema({ id: { type: 'integer' } });

    const checked = await api('POST', `/compatibility/subjects/${s}/versions/latest?verbose=true`, changed);
    const registered = await api('POST', `/subjects/${s}/versions`, changed);

    expect(checked.body.is_compatible).toBe(false);
    expect(checked.body.messages.join('\n')).toMatch(/version 1: TYPE_CHANGED at #\/properties\/id/);
    expect(registered.status).toBe(409);
    expect(registered.body.error_code).toBe(409);
    expect(registered.body.message).toContain('TYPE_CHANGED');
  });

  it('registers under BACKWARD a JSON Schema change Confluent allows (integer widened to number)', async () => {
    const s = subject();
    await api('PUT', `/config/${s}`, { compatibility: 'BACKWARD' });
    await api('POST', `/subjects/${s}/versions`, jsonSchema({ n: { type: 'integer' } }));

    const registered = await api('POST', `/subjects/${s}/versions`, jsonSchema({ n: { type: 'number' } }));

    expect(registered.status).toBe(200);
    expect((await api('GET', `/subjects/${s}/versions`)).body).toEqual([1, 2]);
  });

  it('refuses under BACKWARD a Protobuf field changed from int64 to string, with 409 and the rule', async () => {
    const s = subject();
    await api('PUT', `/config/${s}`, { compatibility: 'BACKWARD' });
    expect((await api('POST', `/subjects/${s}/versions`, proto('int64'))).status).toBe(200);

    const checked = await api('POST', `/compatibility/subjects/${s}/versions?verbose=true`, proto('string'));
    const registered = await api('POST', `/subjects/${s}/versions`, proto('string'));
    const sameGroup = await api('POST', `/subjects/${s}/versions`, proto('uint64'));

    expect(checked.body).toMatchObject({ is_compatible: false });
    expect(checked.body.messages.join('\n')).toMatch(/version 1: FIELD_SCALAR_KIND_CHANGED at #\/Order\/2/);
    expect(registered.status).toBe(409);
    expect(registered.body.message).toContain('FIELD_SCALAR_KIND_CHANGED');
    expect(sameGroup.status).toBe(200);
  });

  it('checks only the named version at a transitive level, and the whole history without one', async () => {
    const s = subject();
    const closed = { additionalProperties: false };
    await api('PUT', `/config/${s}`, { compatibility: 'NONE' });
    await api(
      'POST',
      `/subjects/${s}/versions`,
      jsonSchema({ a: { type: 'string' }, b: { type: 'string' } }, closed),
    );
    await api('POST', `/subjects/${s}/versions`, jsonSchema({ b: { type: 'string' } }, closed));
    await api('PUT', `/config/${s}`, { compatibility: 'BACKWARD_TRANSITIVE' });
    // Readable against version 2 (a property added to a closed model), not against version 1 (`a` was a string).
    const candidate = jsonSchema({ a: { type: 'integer' }, b: { type: 'string' } }, closed);

    const latest = await api('POST', `/compatibility/subjects/${s}/versions/latest?verbose=true`, candidate);
    const second = await api('POST', `/compatibility/subjects/${s}/versions/2`, candidate);
    const first = await api('POST', `/compatibility/subjects/${s}/versions/1?verbose=true`, candidate);
    const history = await api('POST', `/compatibility/subjects/${s}/versions?verbose=true`, candidate);
    const registered = await api('POST', `/subjects/${s}/versions`, candidate);

    expect(latest.body).toEqual({ is_compatible: true, messages: [] });
    expect(second.body).toEqual({ is_compatible: true });
    expect(first.body.is_compatible).toBe(false);
    expect(first.body.messages.join('\n')).toMatch(/version 1: TYPE_CHANGED at #\/properties\/a/);
    expect(history.body.is_compatible).toBe(false);
    expect(registered.status).toBe(409);
  });
});
