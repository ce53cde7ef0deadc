import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureVenv } from '../../../local/stack/python.js';
import { uniqueName } from '../../support/local-aws.js';
import { type RunningRegistry, startRegistry, testResources } from './support.js';

const run = promisify(execFile);
const resources = testResources();
let server: RunningRegistry;
let python: string;

beforeAll(async () => {
  [server, python] = await Promise.all([
    startRegistry(resources),
    ensureVenv('confluent').then((bin) => join(bin, 'python')),
  ]);
}, 600_000);
afterAll(async () => {
  await server?.close();
  await resources.drop();
});

describe("Python confluent-kafka's SchemaRegistryClient against the registry service", () => {
  it('registers, looks up and fetches a schema', async () => {
    const subject = uniqueName('py.order.placed-value');
    const schema = JSON.stringify({
      type: 'record',
      name: 'OrderPlaced',
      namespace: 'py',
      fields: [{ name: 'orderId', type: 'string' }],
    });
    const { stdout } = await run(python, [
      join(import.meta.dirname, 'confluent_client.py'),
      server.url,
      subject,
      schema,
    ]);
    const seen = JSON.parse(stdout) as Record<string, unknown> & { registered_id: number };
    expect(seen).toMatchObject({
      latest: { id: seen.registered_id, version: 1, subject },
      lookup: { id: seen.registered_id, version: 1 },
      compatibility: 'BACKWARD',
    });
    expect(JSON.parse(seen.fetched_schema as string)).toEqual(JSON.parse(schema));
    expect(seen.subjects).toContain(subject);
  });

  it('registers a schema with metadata and an ENCRYPT rule, and creates and reads a KEK and DEKs with DekRegistryClient', async () => {
    const subject = uniqueName('py.customer-value');
    const kek = uniqueName('py-kek').replace(/[^A-Za-z0-9_-]/g, '-');
    const keyArn = 'arn:aws:kms:eu-west-1:000000000000:key/0b7e4c1a-3f2d-4e5b-8a9c-112233445566';
    const { stdout } = await run(python, [
      join(import.meta.dirname, 'confluent_data_contracts.py'),
      server.url,
      subject,
      kek,
      keyArn,
    ]);
    const seen = JSON.parse(stdout) as { schema_id: number };
    expect(seen).toMatchObject({
      latest: {
        id: seen.schema_id,
        metadata: { properties: { owner: '@eventline/orders' } },
        rule_set: {
          domainRules: [
            {
              name: 'encrypt-PII',
              type: 'ENCRYPT',
              mode: 'WRITEREAD',
              params: { 'encrypt.kek.name': kek, 'encrypt.kms.key.id': keyArn },
            },
          ],
        },
      },
      kek: { name: kek, kms_type: 'aws-kms', kms_key_id: keyArn, shared: false },
      dek1: { version: 1, material_matches: true },
      latest_dek: { version: 2, material_matches: true },
    });
  });
});
