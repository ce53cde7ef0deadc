import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const handler = 'test/integration/triggers/fixtures/handler.ts';

async function invoke(event: unknown, ...flags: string[]) {
  const dir = await mkdtemp(join(tmpdir(), 'invoke-'));
  const file = join(dir, 'event.json');
  await writeFile(file, JSON.stringify(event));
  try {
    const { stdout, stderr } = await run('node_modules/.bin/tsx', [
      'local/cli/main.ts',
      'invoke',
      handler,
      '--event',
      file,
      ...flags,
    ]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('eventline invoke', () => {
  it('prints the result on stdout and the logs with START/END/REPORT lines on stderr', async () => {
    const result = await invoke({ n: 21 }, '--env', 'EVENTLINE_CONSUMER_GROUP=demo-fixtures');

    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      doubled: 42,
      functionName: 'fixtures',
      group: 'demo-fixtures',
    });
    expect(result.stderr).toMatch(
      /START RequestId: \S+ Version: \$LATEST\nhandling 21\nEND RequestId: \S+\nREPORT RequestId/,
    );
  });

  it('exits non-zero with the error type and message when the handler throws', async () => {
    const result = await invoke({ n: -1 });

    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toEqual({ errorType: 'RangeError', errorMessage: 'negative input' });
  });

  // https://docs.aws.amazon.com/lambda/latest/dg/configuration-timeout.html
  it('fails an invocation that outlives --timeout', async () => {
    const result = await invoke({ n: 1, sleepMs: 5000 }, '--timeout', '300');

    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toEqual({
      errorType: 'InvocationTimeoutError',
      errorMessage: 'Task timed out after 0.30 seconds',
    });
  });
});
