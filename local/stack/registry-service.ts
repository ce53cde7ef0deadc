import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { EnvNames } from '../../functions/lib/config/env-names.js';
import { buildRegistryImageContext, RegistryImageFiles } from '../../registry/image/build-context.js';
import { readDockerfile } from '../../registry/image/dockerfile.js';
import { HOST, ports } from './config.js';
import { dynamodb } from './dynamodb.js';
import { stackEnv } from './env.js';
import { StackError } from './errors.js';
import { moto } from './moto.js';
import { projectRoot, registryAuditFile, stateDir } from './paths.js';
import { httpAnswers } from './probes.js';
import type { ServiceDefinition } from './service.js';

/** The Glue registry and DynamoDB tables the local registry service keeps its schemas and keys in. */
export const localRegistryResources = {
  glueRegistryName: 'eventline-local',
  tableName: 'eventline-registry-local',
  dekTableName: 'eventline-dek-local',
} as const;

/**
 * The local registry service's principals (development passwords, never deployed). Calls
 * without credentials are admin, as before roles existed, because the local functions and the
 * CLI send none; a call with credentials gets its principal's role, so roles can be tried here.
 */
export const localRegistryPrincipalsFile = join(projectRoot, 'local', 'stack', 'registry-principals.json');

const dependencyTimeoutMs = 120_000;

/** The stack starts services in parallel: wait for the servers this one stores its data in. */
async function waitForDependencies(): Promise<void> {
  const deadline = Date.now() + dependencyTimeoutMs;
  for (const dependency of [moto, dynamodb]) {
    while (!(await dependency.probe())) {
      if (Date.now() > deadline) {
        throw new StackError(
          `registry: ${dependency.name} was not ready after ${dependencyTimeoutMs / 1000}s`,
        );
      }
      await sleep(500);
    }
  }
}

export const registry: ServiceDefinition = {
  name: 'registry',
  description: 'Eventline registry service: Confluent API over Glue (moto) and DynamoDB Local',
  port: ports.registry,
  startTimeoutMs: 60_000,
  async prepare() {
    await waitForDependencies();
    // The image's own build context and CMD: locally the service runs what the container runs.
    const context = buildRegistryImageContext({ outdir: join(stateDir, 'build', 'registry-image') });
    const [program = 'node', ...args] = readDockerfile(join(context, RegistryImageFiles.dockerfile)).command;
    return {
      command: program === 'node' ? process.execPath : program,
      args,
      cwd: context,
      env: {
        ...stackEnv(),
        [EnvNames.registryHost]: HOST,
        [EnvNames.registryPort]: String(ports.registry),
        [EnvNames.glueRegistryName]: localRegistryResources.glueRegistryName,
        [EnvNames.registryTableName]: localRegistryResources.tableName,
        [EnvNames.dekTableName]: localRegistryResources.dekTableName,
        [EnvNames.registryCreateResources]: 'true',
        [EnvNames.registryPrincipalsFile]: localRegistryPrincipalsFile,
        [EnvNames.registryAuditFile]: registryAuditFile,
      },
    };
  },
  probe: () => httpAnswers(`http://${HOST}:${ports.registry}/ready`),
};
