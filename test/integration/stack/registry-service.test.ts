import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EnvNames } from '../../../functions/lib/config/env-names.js';
import { registry } from '../../../local/stack/registry-service.js';
import { RegistryImageFiles } from '../../../registry/image/build-context.js';
import { readDockerfile } from '../../../registry/image/dockerfile.js';
import { waitFor } from '../../support/wait-for.js';
import { freePort } from '../registry-service/free-port.js';
import { testResources } from '../registry-service/support.js';

const resources = testResources();
let child: ChildProcess | undefined;
let port = 0;
const auditDir = mkdtempSync(join(tmpdir(), 'eventline-stack-audit-'));

afterAll(async () => {
  if (child && child.exitCode === null) {
    child.kill('SIGTERM');
    await once(child, 'exit');
  }
  await resources.drop();
  rmSync(auditDir, { recursive: true, force: true });
});

describe('Local stack registry service', () => {
  it("runs the image's bundle with the image's CMD, not TypeScript through tsx", async () => {
    const spec = await registry.prepare();
    const cwd = spec.cwd ?? '';
    const { command } = readDockerfile(join(cwd, RegistryImageFiles.dockerfile));
    port = await freePort();
    // The stack's own port and table are taken by the running stack: this start uses its own.
    child = spawn(spec.command, [...spec.args], {
      cwd,
      env: {
        ...process.env,
        ...spec.env,
        [EnvNames.registryPort]: String(port),
        [EnvNames.glueRegistryName]: resources.glueRegistryName,
        [EnvNames.registryTableName]: resources.tableName,
        [EnvNames.dekTableName]: resources.dekTableName,
        [EnvNames.registryAuditFile]: join(auditDir, 'registry-audit.jsonl'),
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    let health = 0;
    // Ends early when the process exits, so the assertion below reports the status it last gave.
    await waitFor(
      async () => {
        health = await fetch(`http://127.0.0.1:${port}/health`)
          .then((response) => response.status)
          .catch(() => 0);
        return health === 200 || child?.exitCode !== null;
      },
      { what: 'the registry service to answer /health', timeoutMs: 30_000, intervalMs: 250 },
    );

    expect(spec.command).toBe(process.execPath);
    expect(['node', ...spec.args]).toEqual(command);
    expect(readdirSync(cwd).sort()).toEqual(Object.values(RegistryImageFiles).sort());
    expect(JSON.stringify(spec)).not.toContain('tsx');
    expect(health).toBe(200);
  }, 120_000);

  it('checks roles from the default principals file and audits changes to the file it is given', async () => {
    const subject = `${resources.tableName}.stack-value`;
    const register = (username?: string, password?: string) =>
      fetch(`http://127.0.0.1:${port}/subjects/${subject}/versions`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(username
            ? { authorization: `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}` }
            : {}),
        },
        body: JSON.stringify({ schema: '"string"' }),
      });
    expect((await register('consumers', 'local-reader')).status).toBe(403);
    expect((await register('relay', 'local-writer')).status).toBe(200);
    // Local tools send no credentials: the principals file makes them admin.
    expect((await fetch(`http://127.0.0.1:${port}/subjects/${subject}`, { method: 'DELETE' })).status).toBe(
      200,
    );

    const lines = readFileSync(join(auditDir, 'registry-audit.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines.map((l) => [l.principal, l.action, l.result])).toEqual([
      ['consumers', 'register', 'denied'],
      ['relay', 'register', 'success'],
      ['anonymous', 'delete-subject', 'success'],
    ]);
  });
});
