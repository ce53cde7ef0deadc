import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EnvNames } from '../../../functions/lib/config/env-names.js';
import { projectRoot } from '../../../local/stack/paths.js';
import { waitFor } from '../../support/wait-for.js';
import { freePort } from './free-port.js';
import { registryProcessEnv, testResources } from './support.js';

const resources = testResources();
let child: ChildProcess | undefined;
afterAll(async () => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  await resources.drop();
});

async function waitReady(url: string): Promise<void> {
  await waitFor(
    () =>
      fetch(`${url}/ready`)
        .then((response) => response.ok)
        .catch(() => false),
    { what: `${url} to become ready`, intervalMs: 250 },
  );
}

describe('Registry service process (registry/main.ts)', () => {
  it('starts from its environment with its DEK registry, logs JSON lines and exits cleanly on SIGTERM', async () => {
    const port = await freePort();
    child = spawn(join(projectRoot, 'node_modules', '.bin', 'tsx'), ['registry/main.ts'], {
      cwd: projectRoot,
      env: {
        ...registryProcessEnv(port, resources),
        [EnvNames.registryUsers]: JSON.stringify({ ops: 'pw' }),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let logs = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      logs += chunk.toString();
    });
    const url = `http://127.0.0.1:${port}`;
    await waitReady(url);
    const denied = await fetch(`${url}/subjects`);
    const authorization = `Basic ${Buffer.from('ops:pw').toString('base64')}`;
    const allowed = await fetch(`${url}/subjects`, { headers: { authorization } });
    const keks = await fetch(`${url}/dek-registry/v1/keks`, { headers: { authorization } });
    child.kill('SIGTERM');
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(denied.status).toBe(401);
    expect(allowed.status).toBe(200);
    expect(keks.status).toBe(200);
    expect(await keks.json()).toEqual([]);
    expect(code).toBe(0);
    const lines = logs.trim().split('\n');
    expect(lines.length).toBeGreaterThan(0);
    const entries = lines.map((line) => JSON.parse(line) as { msg?: string; status?: number; url?: string });
    expect(entries.some((entry) => entry.msg === 'shutting down')).toBe(true);
    expect(entries).toContainEqual(
      expect.objectContaining({ msg: 'request', url: '/subjects', status: 401 }),
    );
  });
});
