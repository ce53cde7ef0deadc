import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import path from 'node:path';
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { DeleteRegistryCommand, GlueClient } from '@aws-sdk/client-glue';
import { EnvNames } from '../../functions/lib/config/env-names.js';
import { uniqueName } from '../../local/stack/unique-name.js';
import { registryReachable } from './confluent-rest.js';
import { type Endpoints, missingModule, repoRoot } from './context.js';
import { localDynamoDb } from './dynamodb.js';

const entryPoint = 'registry/main.ts';

export interface RunningRegistry {
  readonly url: string;
  /** How it was reached: the stack's running service, or one this run started. */
  readonly origin: string;
  readonly stop: () => Promise<void>;
}

/**
 * The registry service to measure: the local stack's when it answers, otherwise one started
 * from registry/main.ts in its own process (so it does not share the client's event loop),
 * on its own Glue registry and table, all removed again by `stop`.
 */
export async function registryService(endpoints: Endpoints): Promise<RunningRegistry | string> {
  if (await registryReachable(endpoints.registryService)) {
    return { url: endpoints.registryService, origin: 'stack service', stop: async () => undefined };
  }
  const missing = missingModule([entryPoint]);
  if (missing) return missing;

  const port = await freePort();
  const glueRegistryName = uniqueName('bench-registry');
  const tableName = uniqueName('bench-registry-ids');
  const child = spawn(path.join(repoRoot, 'node_modules', '.bin', 'tsx'), [entryPoint], {
    cwd: repoRoot,
    stdio: 'ignore',
    env: {
      ...process.env,
      [EnvNames.registryHost]: '127.0.0.1',
      [EnvNames.registryPort]: String(port),
      [EnvNames.glueRegistryName]: glueRegistryName,
      [EnvNames.registryTableName]: tableName,
      [EnvNames.registryCreateResources]: 'true',
      [EnvNames.glueEndpoint]: endpoints.glue,
      [EnvNames.dynamodbEndpoint]: endpoints.dynamodb,
      AWS_REGION: endpoints.aws.region,
      AWS_ACCESS_KEY_ID: endpoints.aws.accessKeyId,
      AWS_SECRET_ACCESS_KEY: endpoints.aws.secretAccessKey,
    },
  });
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    await stopChild(child);
    const dynamodb = localDynamoDb(endpoints);
    await dynamodb.send(new DeleteTableCommand({ TableName: tableName })).catch(() => undefined);
    dynamodb.destroy();
    const glue = new GlueClient({
      endpoint: endpoints.glue,
      region: endpoints.aws.region,
      credentials: endpoints.aws,
    });
    await glue
      .send(new DeleteRegistryCommand({ RegistryId: { RegistryName: glueRegistryName } }))
      .catch(() => undefined);
    glue.destroy();
  };
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) return `not available: ${entryPoint} exited with code ${child.exitCode}`;
    if (await registryReachable(url)) return { url, origin: `started from ${entryPoint} for this run`, stop };
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  await stop();
  return `not available: ${entryPoint} did not answer within 60 s`;
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  if (address === null || typeof address === 'string') throw new Error('no free port');
  return address.port;
}
