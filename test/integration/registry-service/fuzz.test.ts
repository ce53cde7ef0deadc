import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureVenv } from '../../../local/stack/python.js';
import { type RunningRegistry, startRegistry, testResources } from './support.js';

const run = promisify(execFile);
const resources = testResources();
let server: RunningRegistry;
let schemathesis: string;

beforeAll(async () => {
  [server, schemathesis] = await Promise.all([
    startRegistry(resources),
    ensureVenv('schemathesis').then((bin) => join(bin, 'st')),
  ]);
}, 600_000);
afterAll(async () => {
  await server?.close();
  await resources.drop();
});

describe('Registry service under schemathesis fuzzing from /openapi.json', () => {
  it('never answers with a server error', async () => {
    // Bounded: few examples per operation, one worker, a hard time budget, a fixed seed.
    const result = await run(
      schemathesis,
      [
        'run',
        `${server.url}/openapi.json`,
        '--checks',
        'not_a_server_error',
        '--max-examples',
        '6',
        '--max-time',
        '20',
        '--workers',
        '1',
        '--seed',
        '4',
        '--request-timeout',
        '10',
        '--no-color',
      ],
      { env: { ...process.env, SCHEMATHESIS_TELEMETRY: 'false' }, maxBuffer: 16 * 1024 * 1024 },
    ).catch((error: { stdout?: string; code?: number }) => ({
      stdout: error.stdout ?? '',
      code: error.code,
    }));
    const output = result.stdout;
    expect(output, output).not.toMatch(/Server error/i);
    expect('code' in result ? result.code : 0, output).toBe(0);
  });
});
