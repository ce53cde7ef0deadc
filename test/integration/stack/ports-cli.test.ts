import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import {
  CreateRegistryCommand,
  EntityNotFoundException,
  GetRegistryCommand,
  GetSchemaCommand,
  GlueClient,
} from '@aws-sdk/client-glue';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOST, localAwsConfig } from '../../../local/stack/config.js';
import { stackEnv } from '../../../local/stack/env.js';
import { projectRoot } from '../../../local/stack/paths.js';
import { httpAnswers } from '../../../local/stack/probes.js';
import { ensureVenv } from '../../../local/stack/python.js';
import { localClientConfig, uniqueName } from '../../support/local-aws.js';
import { waitFor } from '../../support/wait-for.js';
import { freePort } from '../registry-service/free-port.js';

/**
 * The CLI with moto moved to another port by EVENTLINE_MOTO_PORT, and none of the endpoint
 * variables of the default stack inherited, so only the port setting can lead it there.
 */
function eventlineOnPort(port: number, args: readonly string[]) {
  const env: Record<string, string | undefined> = { ...process.env, EVENTLINE_MOTO_PORT: String(port) };
  for (const name of Object.keys(stackEnv())) delete env[name];
  const result = spawnSync(join(projectRoot, 'node_modules', '.bin', 'tsx'), ['local/cli/main.ts', ...args], {
    cwd: projectRoot,
    encoding: 'utf8',
    env,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

// A moto of this test's own (the shared stack's stays untouched): cheap to start, and a Glue
// registry created only there shows which server the CLI reached.
describe('stack ports moved by environment variables', () => {
  let moto: ChildProcess;
  let port: number;
  const registryName = uniqueName('ports-registry');

  beforeAll(async () => {
    port = await freePort();
    const bin = await ensureVenv('moto');
    moto = spawn(join(bin, 'moto_server'), ['-H', HOST, '-p', String(port)], { stdio: 'ignore' });
    await waitFor(() => httpAnswers(`http://${HOST}:${port}/moto-api/`), {
      what: 'moto on its moved port',
      timeoutMs: 60_000,
    });
    const glue = new GlueClient(localAwsConfig(`http://${HOST}:${port}`));
    await glue.send(new CreateRegistryCommand({ RegistryName: registryName }));
  });

  afterAll(() => {
    moto?.kill('SIGTERM');
  });

  it('stack env and stack status point at the moved port', () => {
    const env = eventlineOnPort(port, ['stack', 'env', '--json']);
    const status = eventlineOnPort(port, ['stack', 'status', '--json']);

    expect(env.code).toBe(0);
    expect(JSON.parse(env.stdout)).toMatchObject({
      AWS_ENDPOINT_URL_SQS: `http://${HOST}:${port}`,
      EVENTLINE_GLUE_ENDPOINT: `http://${HOST}:${port}`,
    });
    const motoStatus = (JSON.parse(status.stdout) as { name: string; url: string; state: string }[]).find(
      (s) => s.name === 'moto',
    );
    expect(motoStatus).toMatchObject({ url: `${HOST}:${port}` });
    expect(['running', 'external']).toContain(motoStatus?.state);
  });

  it('a command reaches the moved server: schemas register writes to the Glue registry that exists only there', async () => {
    const registered = eventlineOnPort(port, ['schemas', 'register', '--glue-registry', registryName]);

    expect(registered.code, registered.stderr).toBe(0);
    const moved = new GlueClient(localAwsConfig(`http://${HOST}:${port}`));
    const schema = await moved.send(
      new GetSchemaCommand({
        SchemaId: { RegistryName: registryName, SchemaName: 'orders.order.placed-value' },
      }),
    );
    expect(schema.LatestSchemaVersion).toBe(1);
    const shared = new GlueClient(localClientConfig('glue'));
    await expect(
      shared.send(new GetRegistryCommand({ RegistryId: { RegistryName: registryName } })),
    ).rejects.toThrow(EntityNotFoundException);
  });
});
