import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { HOST } from '../../../local/stack/config.js';
import { StackError } from '../../../local/stack/errors.js';
import { httpAnswers } from '../../../local/stack/probes.js';
import { isAlive, runningProcess, stopServer } from '../../../local/stack/process.js';
import type { ServiceDefinition } from '../../../local/stack/service.js';
import { upServices } from '../../../local/stack/stack.js';
import { uniqueName } from '../../support/local-aws.js';

/** A real server process (a tiny HTTP server in Node) run through the same lifecycle as Kafka & co. */
function fakeService(port: number): ServiceDefinition {
  const name = uniqueName('fake');
  const script = `require('node:http').createServer((q, s) => s.end('ok')).listen(${port}, '${HOST}')`;
  return {
    name,
    description: 'test server',
    port,
    startTimeoutMs: 10_000,
    prepare: async () => ({ command: process.execPath, args: ['-e', script] }),
    probe: () => httpAnswers(`http://${HOST}:${port}/`),
  };
}

const freePort = (): Promise<number> =>
  new Promise((resolve) => {
    const server = createServer().listen(0, HOST, () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

describe('stack lifecycle', () => {
  const cleanup: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    await Promise.all(cleanup.splice(0).map((fn) => fn()));
  });

  it('starts a service once, reuses it on a second up, and leaves no process after down', async () => {
    const service = fakeService(await freePort());
    cleanup.push(() => stopServer(service.name));

    const first = await upServices([service]);
    const second = await upServices([service]);
    const pid = runningProcess(service.name)?.pid ?? -1;
    const stopped = await stopServer(service.name);

    expect(first).toEqual({ started: [service.name], reused: [] });
    expect(second).toEqual({ started: [], reused: [service.name] });
    expect(stopped).toBe(true);
    expect(isAlive(pid)).toBe(false);
    expect(await service.probe()).toBe(false);
  });

  it('names the busy port when another program holds it', async () => {
    const port = await freePort();
    const squatter: Server = createServer((_, res) => res.writeHead(500).end()).listen(port, HOST);
    cleanup.push(() => new Promise((resolve) => squatter.close(resolve)));
    const service = fakeService(port);

    const up = upServices([service]);

    await expect(up).rejects.toBeInstanceOf(StackError);
    await expect(up).rejects.toThrow(`port ${port} on 127.0.0.1 is in use by another program`);
    expect(runningProcess(service.name)).toBeUndefined();
  });
});
