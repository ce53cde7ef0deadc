import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Principal, Roles } from '../../../registry/access/roles.js';
import type { AuditEntry } from '../../../registry/audit/audit-entry.js';
import { FileAuditSink } from '../../../registry/audit/file-sink.js';
import { uniqueName } from '../../support/local-aws.js';
import { type Answer, type RunningRegistry, startRegistry, testResources } from './support.js';

const prefix = uniqueName('access');
const owned = `${prefix}.orders.placed-value`;
const foreign = `${prefix}.payments.captured-value`;
const kek = prefix.replace(/[^A-Za-z0-9_-]/g, '-');
const keyArn = 'arn:aws:kms:eu-west-1:000000000000:key/6f1c5a3e-2b1d-4c0e-9a57-1d2e3f4a5b6c';

const principals: Principal[] = [
  { username: 'consumers', password: 'reader-pw', role: Roles.reader, subjectPrefixes: [] },
  { username: 'relay', password: 'writer-pw', role: Roles.writer, subjectPrefixes: [`${prefix}.orders.`] },
  { username: 'ops', password: 'admin-pw', role: Roles.admin, subjectPrefixes: [] },
];
type Who = 'consumers' | 'relay' | 'ops';

const schema = (fields: string[]) =>
  JSON.stringify({
    type: 'record',
    name: 'Placed',
    fields: fields.map((name) => ({ name, type: 'string', default: '' })),
  });

const resources = testResources();
const dir = mkdtempSync(join(tmpdir(), 'eventline-audit-'));
const auditFile = join(dir, 'registry-audit.jsonl');
let server: RunningRegistry;

beforeAll(async () => {
  server = await startRegistry(resources, { principals, audit: new FileAuditSink(auditFile) });
});
afterAll(async () => {
  await server?.close();
  await resources.drop();
  rmSync(dir, { recursive: true, force: true });
});

async function as(
  who: Who | { username: string; password: string } | null,
  method: string,
  path: string,
  body?: unknown,
): Promise<Answer> {
  const credentials =
    who === null
      ? undefined
      : typeof who === 'string'
        ? { username: who, password: principals.find((p) => p.username === who)?.password ?? '' }
        : who;
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: {
      'content-type': 'application/vnd.schemaregistry.v1+json',
      ...(credentials
        ? {
            authorization: `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`,
          }
        : {}),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text === '' ? undefined : JSON.parse(text) };
}

const auditLines = (): AuditEntry[] =>
  readFileSync(auditFile, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as AuditEntry);

const denied = (operation: string, resource: string) => ({
  status: 403,
  body: { error_code: 40301, message: `User is denied operation ${operation} on ${resource}` },
});

describe('Registry service access control', () => {
  it('answers 401 to missing, unknown and wrong credentials, and lets every role read', async () => {
    expect((await as(null, 'GET', '/subjects')).status).toBe(401);
    expect((await as({ username: 'nobody', password: 'x' }, 'GET', '/subjects')).status).toBe(401);
    const wrong = await as({ username: 'ops', password: 'writer-pw' }, 'GET', '/subjects');
    expect(wrong).toMatchObject({ status: 401, body: { error_code: 401 } });
    for (const who of ['consumers', 'relay', 'ops'] as const) {
      expect((await as(who, 'GET', '/subjects')).status, who).toBe(200);
      expect((await as(who, 'GET', '/config')).status, who).toBe(200);
    }
  });

  it('lets a writer register, check and look up under its prefixes, and nothing else', async () => {
    const registered = await as('relay', 'POST', `/subjects/${owned}/versions`, { schema: schema(['id']) });
    expect(registered.status, JSON.stringify(registered.body)).toBe(200);
    const compatible = await as('relay', 'POST', `/compatibility/subjects/${owned}/versions/latest`, {
      schema: schema(['id', 'note']),
    });
    expect(compatible).toMatchObject({ status: 200, body: { is_compatible: true } });

    expect(await as('relay', 'POST', `/subjects/${foreign}/versions`, { schema: schema(['id']) })).toEqual(
      denied('Write', `Subject: ${foreign}`),
    );
    expect(
      await as('relay', 'POST', `/compatibility/subjects/${foreign}/versions`, { schema: schema(['id']) }),
    ).toEqual(denied('Write', `Subject: ${foreign}`));
    expect(await as('relay', 'PUT', `/config/${owned}`, { compatibility: 'FULL' })).toEqual(
      denied('Write', `Subject: ${owned}`),
    );
    expect(await as('relay', 'PUT', '/mode', { mode: 'READONLY' })).toEqual(denied('Write', 'Global'));
    expect(await as('relay', 'DELETE', `/subjects/${owned}/versions/1`)).toEqual(
      denied('Delete', `Subject: ${owned}`),
    );
    expect(
      await as('relay', 'POST', '/dek-registry/v1/keks', { name: kek, kmsType: 'aws-kms', kmsKeyId: keyArn }),
    ).toEqual(denied('Write', `Kek: ${kek}`));
  });

  it('lets a reader look up schemas (a read in Confluent) but change nothing', async () => {
    const lookup = await as('consumers', 'POST', `/subjects/${owned}`, { schema: schema(['id']) });
    expect(lookup).toMatchObject({ status: 200, body: { subject: owned, version: 1 } });
    expect(await as('consumers', 'POST', `/subjects/${owned}/versions`, { schema: schema(['id']) })).toEqual(
      denied('Write', `Subject: ${owned}`),
    );
    expect(
      await as('consumers', 'POST', `/compatibility/subjects/${owned}/versions`, { schema: schema(['id']) }),
    ).toEqual(denied('Write', `Subject: ${owned}`));
    expect(await as('consumers', 'DELETE', `/subjects/${owned}`)).toEqual(
      denied('Delete', `Subject: ${owned}`),
    );
  });

  it('keeps KEKs and DEK deletes for admins, and lets a writer create DEKs for its own subjects only', async () => {
    const created = await as('ops', 'POST', '/dek-registry/v1/keks', {
      name: kek,
      kmsType: 'aws-kms',
      kmsKeyId: keyArn,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    const material = Buffer.alloc(60, 7).toString('base64');
    const dek = await as('relay', 'POST', `/dek-registry/v1/keks/${kek}/deks/${owned}`, {
      encryptedKeyMaterial: material,
    });
    expect(dek).toMatchObject({ status: 200, body: { subject: owned, version: 1 } });
    // The older route names the subject in the body: the prefix check reads it there.
    expect(
      await as('relay', 'POST', `/dek-registry/v1/keks/${kek}/deks`, {
        subject: foreign,
        encryptedKeyMaterial: material,
      }),
    ).toEqual(denied('Write', `Subject: ${foreign}`));
    expect(await as('consumers', 'GET', `/dek-registry/v1/keks/${kek}/deks/${owned}`)).toMatchObject({
      status: 200,
      body: { subject: owned },
    });
    expect(await as('relay', 'DELETE', `/dek-registry/v1/keks/${kek}/deks/${owned}`)).toEqual(
      denied('Delete', `Subject: ${owned}`),
    );
    expect((await as('ops', 'DELETE', `/dek-registry/v1/keks/${kek}/deks/${owned}`)).status).toBe(204);
  });

  it('lets an admin change config and mode and delete any subject', async () => {
    expect(await as('ops', 'PUT', `/config/${foreign}`, { compatibility: 'FULL' })).toMatchObject({
      status: 200,
      body: { compatibility: 'FULL' },
    });
    expect((await as('ops', 'PUT', `/mode/${foreign}`, { mode: 'READWRITE' })).status).toBe(200);
    expect(
      (await as('ops', 'POST', `/subjects/${foreign}/versions`, { schema: schema(['id']) })).status,
    ).toBe(200);
    expect(await as('ops', 'DELETE', `/subjects/${foreign}/versions/1`)).toEqual({ status: 200, body: 1 });
  });
});

describe('Registry service audit trail', () => {
  it('writes one line per change, refused ones included, and none for reads', () => {
    const lines = auditLines().filter((line) => line.subject?.startsWith(prefix) || line.kek === kek);
    const summary = lines.map((l) => [l.principal, l.action, l.result, l.subject ?? l.kek]);
    expect(summary).toEqual([
      ['relay', 'register', 'success', owned],
      ['relay', 'register', 'denied', foreign],
      ['relay', 'update-config', 'denied', owned],
      ['relay', 'delete-version', 'denied', owned],
      ['relay', 'create-kek', 'denied', kek],
      ['consumers', 'register', 'denied', owned],
      ['consumers', 'delete-subject', 'denied', owned],
      ['ops', 'create-kek', 'success', kek],
      ['relay', 'create-dek', 'success', owned],
      ['relay', 'create-dek', 'denied', foreign],
      ['relay', 'delete-dek', 'denied', owned],
      ['ops', 'delete-dek', 'success', owned],
      ['ops', 'update-config', 'success', foreign],
      ['ops', 'update-mode', 'success', foreign],
      ['ops', 'register', 'success', foreign],
      ['ops', 'delete-version', 'success', foreign],
    ]);
    const [registered] = lines;
    expect(registered).toMatchObject({ status: 200 });
    expect(typeof registered?.id).toBe('number');
    expect(registered?.requestId).toEqual(expect.any(String));
    expect(Date.parse(registered?.time ?? '')).not.toBeNaN();
    expect(lines[1]).toMatchObject({ status: 403, errorCode: 40301 });
    expect(lines.find((l) => l.action === 'create-dek' && l.result === 'success')).toMatchObject({
      kek,
      version: 1,
    });
    expect(lines.at(-1)).toMatchObject({ version: 1, status: 200 });
    const global = auditLines().find((l) => l.action === 'update-mode' && l.subject === undefined);
    expect(global).toMatchObject({ principal: 'relay', result: 'denied', errorCode: 40301 });
  });

  it('records a change with wrong credentials as denied, with no principal', async () => {
    const subject = `${prefix}.intruder-value`;
    await as({ username: 'relay', password: 'guess' }, 'DELETE', `/subjects/${subject}`);
    expect(auditLines().filter((l) => l.subject === subject)).toEqual([
      expect.objectContaining({ principal: null, action: 'delete-subject', result: 'denied', status: 401 }),
    ]);
  });
});

describe('Registry service anonymous role (the local stack)', () => {
  it('gives calls without credentials the anonymous role, and still refuses wrong credentials', async () => {
    const own = testResources();
    const local = await startRegistry(own, { principals, anonymousRole: Roles.reader });
    try {
      const subject = `${prefix}.anonymous-value`;
      const send = (method: string, path: string, authorization?: string) =>
        fetch(`${local.url}${path}`, {
          method,
          headers: {
            'content-type': 'application/json',
            ...(authorization ? { authorization } : {}),
          },
          ...(method === 'POST' ? { body: JSON.stringify({ schema: schema(['id']) }) } : {}),
        });
      expect((await send('GET', '/subjects')).status).toBe(200);
      const refused = await send('POST', `/subjects/${subject}/versions`);
      expect({ status: refused.status, body: await refused.json() }).toEqual(
        denied('Write', `Subject: ${subject}`),
      );
      const wrong = `Basic ${Buffer.from('ops:nope').toString('base64')}`;
      expect((await send('GET', '/subjects', wrong)).status).toBe(401);
    } finally {
      await local.close();
      await own.drop();
    }
  });
});
