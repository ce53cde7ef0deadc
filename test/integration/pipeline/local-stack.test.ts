import { createServer } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { useLocalStack } from '../../../local/pipeline/local-stack.js';
import { ResourceScope } from '../../../local/pipeline/scope.js';
import { HOST } from '../../../local/stack/config.js';
import { httpAnswers } from '../../../local/stack/probes.js';
import { isAlive, runningProcess, stopServer } from '../../../local/stack/process.js';
import type { ServiceDefinition } from '../../../local/stack/service.js';
import { uniqueName } from '../../support/local-aws.js';

/** A real server process (a tiny HTTP server in Node) on a free port, not a service of the shared stack. */
async function cheapService(): Promise<ServiceDefinition> {
  const port = await new Promise<number>((resolve) => {
    const server = createServer().listen(0, HOST, () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
  const script = `require('node:http').createServer((q, s) => s.end('ok')).listen(${port}, '${HOST}')`;
  return {
    name: uniqueName('run-owned'),
    description: 'test server',
    port,
    startTimeoutMs: 20_000,
    prepare: async () => ({ command: process.execPath, args: ['-e', script] }),
    probe: () => httpAnswers(`http://${HOST}:${port}/`),
  };
}

describe('the local stack of a run', () => {
  const cleanup: string[] = [];
  afterEach(async () => {
    await Promise.all(cleanup.splice(0).map((name) => stopServer(name)));
  });

  it('stops, when the run ends, the services the run started and none that were running before', async () => {
    const [mine, theirs] = [await cheapService(), await cheapService()];
    cleanup.push(mine.name, theirs.name);
    const before = new ResourceScope();
    await useLocalStack(before, { keep: true, services: [theirs] });
    const theirPid = runningProcess(theirs.name)?.pid ?? -1;

    const run = new ResourceScope();
    const up = await useLocalStack(run, { services: [mine, theirs] });
    const myPid = runningProcess(mine.name)?.pid ?? -1;
    const failures = await run.close();

    expect(up).toEqual({ started: [mine.name], reused: [theirs.name] });
    expect(failures).toEqual([]);
    expect(isAlive(myPid)).toBe(false);
    expect(await mine.probe()).toBe(false);
    expect(isAlive(theirPid)).toBe(true);
    expect(await theirs.probe()).toBe(true);
  });

  it('leaves the services it started running with keep (--keep-stack)', async () => {
    const mine = await cheapService();
    cleanup.push(mine.name);

    const run = new ResourceScope();
    const up = await useLocalStack(run, { keep: true, services: [mine] });
    await run.close();

    expect(up.started).toEqual([mine.name]);
    expect(await mine.probe()).toBe(true);
  });
});
