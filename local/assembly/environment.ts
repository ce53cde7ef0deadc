import { join } from 'node:path';
import { EnvNames } from '../../functions/lib/config/env-names.js';
import { localAccount, localAws, localClusterArn } from '../stack/config.js';
import { stackEnv } from '../stack/env.js';
import { functionArn } from '../triggers/context.js';
import type { LocalResources } from './bootstrap.js';
import type { AssemblyFunction } from './functions.js';
import { type RegistryChoice, registryEnv, registryOwnedVariables } from './registry-choice.js';
import { type ReferenceTargets, resolveValue } from './resolve.js';
import { type CfnTemplate, ResourceTypes } from './template.js';

/** Lambda's code root: paths under it point into the function's staged bundle locally. */
const lambdaTaskRoot = '/var/task';

/** What Ref and GetAtt of the template's resources are on the laptop. */
export function localTargets(template: CfnTemplate, resources: LocalResources): ReferenceTargets {
  const brokers = stackEnv()[EnvNames.kafkaBrokers] as string;
  const typeOf = (id: string) => template.Resources[id]?.Type;
  const isCluster = (id: string) =>
    typeOf(id) === ResourceTypes.mskCluster || typeOf(id) === ResourceTypes.mskServerlessCluster;
  const pseudo: Record<string, string> = {
    'AWS::Region': localAws.region,
    'AWS::AccountId': localAccount,
    'AWS::Partition': 'aws',
    'AWS::URLSuffix': 'amazonaws.com',
  };
  return {
    ref: (id) => {
      if (id in pseudo) return pseudo[id];
      if (isCluster(id)) return localClusterArn;
      if (typeOf(id) === ResourceTypes.function) return id;
      return (
        resources.tables.get(id)?.name ?? resources.queues.get(id)?.url ?? resources.keys?.get(id)?.keyId
      );
    },
    getAtt: (id, attribute) => {
      // MSK's bootstrap broker strings (read by a custom resource): the local broker, plaintext.
      if (attribute.startsWith('BootstrapBrokerString')) return brokers;
      if (isCluster(id) && attribute === 'Arn') return localClusterArn;
      if (typeOf(id) === ResourceTypes.function && attribute === 'Arn') return functionArn(id);
      const table = resources.tables.get(id);
      if (table && attribute === 'Arn') return table.arn;
      if (table && attribute === 'StreamArn') return table.streamArn;
      const queue = resources.queues.get(id);
      if (queue && attribute === 'Arn') return queue.arn;
      if (queue && attribute === 'QueueName') return queue.name;
      if (queue && attribute === 'QueueUrl') return queue.url;
      // The KEKs' ARNs in EVENTLINE_KEK_KEY_ARNS: moto's keys made at bootstrap.
      if (attribute === 'Arn') return resources.keys?.get(id)?.arn;
      return undefined;
    },
  };
}

/**
 * A function's environment on the laptop: the template's variables with every reference
 * resolved to the local resource (an unresolvable one throws, naming it), paths under /var/task
 * pointing into the staged bundle, the registry variables from the `--registry` choice, Kafka
 * auth plaintext (the local broker has no IAM), and the local stack's endpoint variables.
 */
export function localEnvironment(
  fn: AssemblyFunction,
  targets: ReferenceTargets,
  registry: RegistryChoice,
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(fn.environment)) {
    if (registryOwnedVariables.includes(name)) continue;
    const resolved = resolveValue(value, targets, `${fn.logicalId} (${fn.name}) environment ${name}`);
    env[name] = resolved.startsWith(`${lambdaTaskRoot}/`)
      ? join(fn.bundleDir, resolved.slice(lambdaTaskRoot.length + 1))
      : resolved;
  }
  if (EnvNames.kafkaAuth in env) env[EnvNames.kafkaAuth] = 'plaintext';
  return {
    ...env,
    ...stackEnv(),
    // After the stack's variables: they name the registry service too, and --registry decides.
    ...registryEnv(registry),
    // What the Lambda runtime itself sets and the handlers read.
    AWS_LAMBDA_FUNCTION_NAME: fn.name,
    LAMBDA_TASK_ROOT: fn.bundleDir,
  };
}
