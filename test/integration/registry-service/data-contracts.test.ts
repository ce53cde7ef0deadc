import { describe, expect, it } from 'vitest';
import {
  ConfluentRegistryClient,
  type SchemaRule,
  type SchemaRuleSet,
} from '../../../functions/lib/registry/index.js';
import { uniqueName } from '../../support/local-aws.js';
import { call, registryPerFile } from './support.js';

const server = registryPerFile();

const schema = JSON.stringify({
  type: 'record',
  name: 'Customer',
  namespace: 'contracts',
  fields: [
    { name: 'id', type: 'string' },
    { name: 'email', type: 'string', 'confluent:tags': ['PII'] },
  ],
});
const widened = JSON.stringify({
  type: 'record',
  name: 'Customer',
  namespace: 'contracts',
  fields: [
    { name: 'id', type: 'string' },
    { name: 'email', type: 'string', 'confluent:tags': ['PII'] },
    { name: 'note', type: ['null', 'string'], default: null },
  ],
});
const metadata = { properties: { owner: '@eventline/orders', retentionDays: '7' }, tags: { email: ['PII'] } };
const encryptRule: SchemaRule = {
  name: 'encrypt-PII',
  kind: 'TRANSFORM',
  mode: 'WRITEREAD',
  type: 'ENCRYPT',
  tags: ['PII'],
  params: { 'encrypt.kek.name': 'orders-pii', 'encrypt.kms.type': 'aws-kms' },
  onFailure: 'ERROR,NONE',
};
const ruleSet: SchemaRuleSet = { domainRules: [encryptRule] };

async function register(subject: string, body: object): Promise<number> {
  const answer = await call(server.url, 'POST', `/subjects/${subject}/versions`, body);
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body.id as number;
}

describe('Registry service data contracts (metadata and ruleSet)', () => {
  it('stores metadata and ruleSet with the version and returns them from every read', async () => {
    const subject = uniqueName('contracts-reads');
    const id = await register(subject, { schema, metadata, ruleSet });

    const byVersion = await call(server.url, 'GET', `/subjects/${subject}/versions/1`);
    const latest = await call(server.url, 'GET', `/subjects/${subject}/versions/latest`);
    const byId = await call(server.url, 'GET', `/schemas/ids/${id}`);
    const lookup = await call(server.url, 'POST', `/subjects/${subject}`, { schema, metadata, ruleSet });
    const listed = await call(server.url, 'GET', `/schemas?subjectPrefix=${subject}`);

    const expected = {
      metadata: { properties: { owner: '@eventline/orders', retentionDays: '7' }, tags: { email: ['PII'] } },
      ruleSet: { domainRules: [{ ...encryptRule, disabled: false }] },
    };
    for (const answer of [byVersion, latest, byId, lookup]) {
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject(expected);
    }
    expect(listed.body[0]).toMatchObject({ subject, version: 1, id, ...expected });
  });

  it('gives the same schema text with another rule set a new id and a new version', async () => {
    const subject = uniqueName('contracts-identity');
    const plain = await register(subject, { schema });
    const ruled = await register(subject, { schema, ruleSet });
    const tagged = await register(subject, { schema, ruleSet, metadata });

    expect(new Set([plain, ruled, tagged]).size).toBe(3);
    expect((await call(server.url, 'GET', `/subjects/${subject}/versions`)).body).toEqual([1, 2, 3]);
    // Registering the same contract again is idempotent.
    expect(await register(subject, { schema, ruleSet, metadata })).toBe(tagged);
  });

  it('treats a contract written in another key or tag order as the same contract', async () => {
    const subject = uniqueName('contracts-order');
    const id = await register(subject, {
      schema,
      metadata: { tags: { email: ['PII', 'CONFIDENTIAL'] }, properties: { b: '2', a: '1' } },
    });
    const again = await register(subject, {
      schema,
      metadata: { properties: { a: '1', b: '2' }, tags: { email: ['CONFIDENTIAL', 'PII'] } },
    });
    expect(again).toBe(id);
  });

  it("carries the latest version's metadata and ruleSet forward when a registration leaves them out", async () => {
    const subject = uniqueName('contracts-carry');
    await register(subject, { schema, metadata, ruleSet });
    const next = await register(subject, { schema: widened });

    const version2 = await call(server.url, 'GET', `/subjects/${subject}/versions/2`);
    expect(version2.body).toMatchObject({
      id: next,
      metadata,
      ruleSet: { domainRules: [{ name: 'encrypt-PII' }] },
    });
    // The schema as first registered, without a contract, finds version 1 (its contract filled in from the latest).
    const found = await call(server.url, 'POST', `/subjects/${subject}`, { schema });
    expect(found.body).toMatchObject({ version: 1 });
    // Re-registering without a contract is the same version, not a new one.
    expect(await register(subject, { schema: widened })).toBe(next);
  });

  it("refuses an invalid rule set with Confluent's 42210", async () => {
    const subject = uniqueName('contracts-invalid');
    const duplicate = await call(server.url, 'POST', `/subjects/${subject}/versions`, {
      schema,
      ruleSet: { domainRules: [encryptRule, encryptRule] },
    });
    expect(duplicate.status).toBe(422);
    expect(duplicate.body.error_code).toBe(42210);
    expect(duplicate.body.message).toMatch(/duplicate name 'encrypt-PII'/);

    const migration = await call(server.url, 'POST', `/subjects/${subject}/versions`, {
      schema,
      ruleSet: { migrationRules: [{ ...encryptRule, mode: 'WRITE' }] },
    });
    expect(migration.body).toMatchObject({ error_code: 42210 });

    const untyped = await call(server.url, 'POST', `/subjects/${subject}/versions`, {
      schema,
      ruleSet: { domainRules: [{ name: 'x' }] },
    });
    expect(untyped.body).toMatchObject({ error_code: 42210 });
  });

  it('lets the TypeScript client register and read a contract', async () => {
    const subject = uniqueName('contracts-client');
    const client = new ConfluentRegistryClient({ url: server.url });
    const registered = await client.register(subject, {
      type: 'AVRO',
      definition: schema,
      metadata,
      ruleSet,
    });
    expect(registered).toMatchObject({ version: 1, metadata, ruleSet });

    const latest = await client.getLatest(subject);
    expect(latest.ruleSet?.domainRules?.[0]).toMatchObject({ type: 'ENCRYPT', params: encryptRule.params });
    expect((await client.getById(registered.id)).metadata).toEqual(metadata);
    const other = await client.register(subject, {
      type: 'AVRO',
      definition: schema,
      metadata: { properties: {} },
    });
    expect(other.id).not.toBe(registered.id);
  });
});
