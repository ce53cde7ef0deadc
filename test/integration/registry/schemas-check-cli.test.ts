import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CheckExitCodes } from '../../../local/cli/commands/schemas.js';
import { uniqueName } from '../../support/local-aws.js';
import { freePort } from '../registry-service/free-port.js';
import { type RunningRegistry, startRegistry, testResources } from '../registry-service/support.js';
import { schemas } from './schemas-command.js';

const dirs: string[] = [];
const resources = testResources();
let server: RunningRegistry;

beforeAll(async () => {
  server = await startRegistry(resources);
});
afterAll(async () => {
  await server?.close();
  await resources.drop();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

type Format = 'AVRO' | 'JSON' | 'PROTOBUF';

const files: Readonly<Record<Format, string>> = {
  AVRO: 'test/order.avsc',
  JSON: 'test/order.schema.json',
  PROTOBUF: 'test/order.proto',
};

/**
 * A schemas folder of its own: one topic with a unique name and one value schema of the given
 * format; `topic` and `value` override the topic's and its value's manifest entries.
 */
function schemasDir(
  type: Format,
  overrides: { topic?: Record<string, unknown>; value?: Record<string, unknown> } = {},
) {
  const dir = mkdtempSync(join(tmpdir(), 'eventline-check-'));
  dirs.push(dir);
  mkdirSync(join(dir, 'test'));
  copyFileSync(
    join(import.meta.dirname, '../../../schemas/manifest.schema.json'),
    join(dir, 'manifest.schema.json'),
  );
  const topic = `${uniqueName('check')}.order.placed`;
  const file = files[type];
  const value = {
    schema: file,
    type,
    compatibility: 'BACKWARD',
    ...(type === 'PROTOBUF' ? { message: 'check.it.Order' } : {}),
    ...overrides.value,
  };
  const manifest = {
    glueRegistryName: 'unused',
    governance: { privacyTeam: '@check/privacy', keks: [{ name: 'check-pii' }] },
    topics: [
      {
        name: topic,
        eventType: 'OrderPlaced',
        aggregateType: 'Order',
        owner: '@check/orders',
        classification: 'internal',
        retentionDays: 1,
        value,
        ...overrides.topic,
      },
    ],
  };
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
  return {
    dir,
    topic,
    subject: `${topic}-value`,
    setSchema: (text: string) => writeFileSync(join(dir, file), text),
    /** Rewrites the manifest's topic entry (as a later commit would). */
    setTopic: (change: Record<string, unknown>) => {
      Object.assign(manifest.topics[0] as Record<string, unknown>, change);
      writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
    },
  };
}

const jsonSchema = (idType: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    $schema: 'http://json-schema.org/draft-07/schema#',
    type: 'object',
    properties: { id: { type: idType }, ...extra },
    additionalProperties: false,
  });
const proto = (amountType: string) =>
  `syntax = "proto3";\npackage check.it;\nmessage Order {\n  string id = 1;\n  ${amountType} amount = 2;\n}\n`;

describe('eventline schemas check', () => {
  it('says a subject is new, then ok for an allowed change, and exits 0', async () => {
    const { dir, subject, setSchema } = schemasDir('JSON');
    setSchema(jsonSchema('string'));

    const fresh = await schemas('check', '--registry', server.url, '--schemas', dir);
    await schemas('register', '--registry', server.url, '--schemas', dir);
    setSchema(jsonSchema('string', { note: { type: 'string' } }));
    const evolved = await schemas('check', '--registry', server.url, '--schemas', dir);

    expect(fresh.error).toBeUndefined();
    expect(fresh.out).toMatch(new RegExp(`^new {5}${subject} .*not registered yet`, 'm'));
    expect(evolved.error).toBeUndefined();
    expect(evolved.out).toMatch(new RegExp(`^ok {6}${subject} `, 'm'));
  });

  it('refuses a JSON Schema property changed from string to integer, names the rule, and exits 1', async () => {
    const { dir, subject, setSchema } = schemasDir('JSON');
    setSchema(jsonSchema('string'));
    await schemas('register', '--registry', server.url, '--schemas', dir);
    setSchema(jsonSchema('integer'));

    const checked = await schemas('check', '--registry', server.url, '--schemas', dir);

    expect(checked.error?.exitCode).toBe(CheckExitCodes.refused);
    expect(checked.out).toContain(`REFUSED ${subject}`);
    expect(checked.out).toMatch(/BACKWARD: .*version 1: TYPE_CHANGED at #\/properties\/id/);
  });

  it('refuses a Protobuf field changed from int64 to string and names the rule', async () => {
    const { dir, subject, setSchema } = schemasDir('PROTOBUF');
    setSchema(proto('int64'));
    await schemas('register', '--registry', server.url, '--schemas', dir);
    setSchema(proto('string'));

    const checked = await schemas('check', '--registry', server.url, '--schemas', dir);

    expect(checked.error?.exitCode).toBe(CheckExitCodes.refused);
    expect(checked.out).toContain(`REFUSED ${subject}`);
    expect(checked.out).toMatch(/version 1: FIELD_SCALAR_KIND_CHANGED at #\/Order\/2/);
  });

  it('exits 2, not 1, when the registry does not answer', async () => {
    const { dir, setSchema } = schemasDir('JSON');
    setSchema(jsonSchema('string'));
    const nobody = `http://127.0.0.1:${await freePort()}`;

    const checked = await schemas('check', '--registry', nobody, '--schemas', dir);

    expect(checked.error?.exitCode).toBe(CheckExitCodes.unreachable);
    expect(checked.error?.message).toMatch(/registry unreachable/);
  });
});
