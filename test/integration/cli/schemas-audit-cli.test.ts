import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  DeleteLogGroupCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Principal, Roles } from '../../../registry/access/roles.js';
import type { AuditEntry } from '../../../registry/audit/audit-entry.js';
import type { AuditSink } from '../../../registry/audit/audit-sink.js';
import { CloudWatchAuditSink } from '../../../registry/audit/cloudwatch-sink.js';
import { FileAuditSink } from '../../../registry/audit/file-sink.js';
import { localClientConfig, uniqueName } from '../../support/local-aws.js';
import { type RunningRegistry, startRegistry, testResources } from '../registry-service/support.js';
import { eventline } from './support.js';

const prefix = uniqueName('cli.audit');
const principals: Principal[] = [
  { username: 'ci', password: 'ci-pw', role: Roles.writer, subjectPrefixes: [`${prefix}.orders.`] },
];
const basic = `Basic ${Buffer.from('ci:ci-pw').toString('base64')}`;
const schema = JSON.stringify({ type: 'record', name: 'Placed', fields: [{ name: 'id', type: 'string' }] });

/** A registry service with the given audit sink; the test makes one allowed and one refused change. */
async function changesAudited(audit: AuditSink, owned: string, foreign: string): Promise<number> {
  const resources = testResources();
  const server: RunningRegistry = await startRegistry(resources, { principals, audit });
  try {
    const post = (subject: string) =>
      fetch(`${server.url}/subjects/${subject}/versions`, {
        method: 'POST',
        headers: { authorization: basic, 'content-type': 'application/json' },
        body: JSON.stringify({ schema }),
      });
    const registered = await post(owned);
    expect(registered.status).toBe(200);
    expect((await post(foreign)).status).toBe(403);
    return ((await registered.json()) as { id: number }).id;
  } finally {
    await server.close();
    await resources.drop();
  }
}

const jsonLines = (stdout: string): AuditEntry[] =>
  stdout
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as AuditEntry);

describe('eventline schemas audit', () => {
  const dir = mkdtempSync(join(tmpdir(), 'eventline-audit-cli-'));
  const file = join(dir, 'registry-audit.jsonl');
  const owned = `${prefix}.orders.placed-value`;
  const foreign = `${prefix}.payments.captured-value`;
  let id = 0;

  beforeAll(async () => {
    id = await changesAudited(new FileAuditSink(file), owned, foreign);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the local audit file back, filtered by subject, as JSON lines', () => {
    const result = eventline(['schemas', 'audit', '--file', file, '--subject', owned, '--json']);
    expect(result.code, result.stderr).toBe(0);
    expect(jsonLines(result.stdout)).toEqual([
      expect.objectContaining({ principal: 'ci', action: 'register', subject: owned, id, result: 'success' }),
    ]);
  });

  it('prints one readable line per change, refused ones included', () => {
    const result = eventline(['schemas', 'audit', '--file', file, '--since', '1h']);
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(new RegExp(`  ci  register  ${owned} id ${id}  success 200  request `));
    expect(lines[1]).toMatch(new RegExp(`  ci  register  ${foreign}  denied 403/40301  request `));
  });

  it('shows nothing before --since, and refuses a --since it cannot read', () => {
    const later = new Date(Date.now() + 60_000).toISOString();
    const none = eventline(['schemas', 'audit', '--file', file, '--since', later, '--json']);
    expect(none).toMatchObject({ code: 0, stdout: '' });
    const bad = eventline(['schemas', 'audit', '--file', file, '--since', 'yesterday']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/--since yesterday: give an ISO-8601 time/);
  });

  it("reads a deployment's audit log group (moto's CloudWatch Logs) the service wrote to", async () => {
    const logs = new CloudWatchLogsClient(localClientConfig('moto'));
    const logGroupName = uniqueName('/eventline/registry-audit');
    await logs.send(new CreateLogGroupCommand({ logGroupName }));
    try {
      const sink = new CloudWatchAuditSink({ client: logs, logGroupName, logStreamName: 'registry/test' });
      const cloudOwned = `${prefix}.orders.shipped-value`;
      const cloudId = await changesAudited(sink, cloudOwned, foreign);
      const result = eventline(['schemas', 'audit', '--log-group', logGroupName, '--json']);
      expect(result.code, result.stderr).toBe(0);
      expect(jsonLines(result.stdout).map((e) => [e.subject, e.result, e.id])).toEqual([
        [cloudOwned, 'success', cloudId],
        [foreign, 'denied', undefined],
      ]);
      const one = eventline([
        'schemas',
        'audit',
        '--log-group',
        logGroupName,
        '--subject',
        foreign,
        '--json',
      ]);
      expect(jsonLines(one.stdout)).toEqual([expect.objectContaining({ subject: foreign, status: 403 })]);
    } finally {
      await logs.send(new DeleteLogGroupCommand({ logGroupName }));
    }
  });
});
