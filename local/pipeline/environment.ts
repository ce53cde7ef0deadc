import { join } from 'node:path';
import { EnvNames } from '../../functions/lib/config/env-names.js';
import { HOST, ports } from '../stack/config.js';
import { stackEnv } from '../stack/env.js';
import { projectRoot } from '../stack/paths.js';

/** Which schema registry the local functions talk to. */
export const RegistryChoices = {
  /** Eventline's own registry service (Confluent API over Glue), when it runs on its port. */
  service: 'service',
  /** Apicurio's Confluent-compatible API from the local stack. */
  apicurio: 'apicurio',
  /** AWS Glue Schema Registry directly (moto locally). */
  glue: 'glue',
} as const;
export type RegistryChoice = (typeof RegistryChoices)[keyof typeof RegistryChoices];

/** Names of the local resources of one pipeline: tables and consumer groups share a prefix. */
export function localResources(prefix: string) {
  return {
    prefix,
    outboxTable: `${prefix}-outbox`,
    idempotencyTable: `${prefix}-idempotency`,
    ordersTable: `${prefix}-orders`,
    fulfilmentTable: `${prefix}-fulfilment`,
    orderServiceTable: `${prefix}-order-service`,
    relayFailureQueue: `${prefix}-relay-failures`,
    consumerGroup: (functionName: string) => `${prefix}-${functionName}`,
    glueRegistry: 'eventline',
  } as const;
}
export type LocalResources = ReturnType<typeof localResources>;

export function registryEnv(registry: RegistryChoice, resources: LocalResources): Record<string, string> {
  const env = stackEnv();
  switch (registry) {
    case 'glue':
      return { [EnvNames.registryKind]: 'glue', [EnvNames.glueRegistryName]: resources.glueRegistry };
    case 'service':
      return {
        [EnvNames.registryKind]: 'confluent',
        [EnvNames.registryUrl]: `http://${HOST}:${ports.registry}`,
      };
    case 'apicurio':
      return {
        [EnvNames.registryKind]: 'confluent',
        [EnvNames.registryUrl]: env[EnvNames.apicurioUrl] as string,
      };
  }
}

/**
 * The environment a function gets on the laptop: the stack's endpoints, the registry, and the
 * names infra would set (tables, consumer group), so the handler parses it at cold start as in AWS.
 */
export function functionEnv(
  functionName: string,
  options: {
    readonly resources: LocalResources;
    readonly registry: RegistryChoice;
    /** Set once the pipeline has bootstrapped its queue. */
    readonly relayFailureQueueUrl?: string;
  },
): Record<string, string> {
  const { resources } = options;
  return {
    ...Object.fromEntries(
      Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined),
    ),
    ...stackEnv(),
    ...registryEnv(options.registry, resources),
    [EnvNames.schemasDir]: join(projectRoot, 'schemas'),
    [EnvNames.outboxTableName]: resources.outboxTable,
    [EnvNames.idempotencyTableName]: resources.idempotencyTable,
    [EnvNames.consumerGroup]: resources.consumerGroup(functionName),
    [EnvNames.orderReadModelTableName]: resources.ordersTable,
    [EnvNames.fulfilmentTableName]: resources.fulfilmentTable,
    ...(options.relayFailureQueueUrl
      ? { [EnvNames.relayFailureQueueUrl]: options.relayFailureQueueUrl }
      : {}),
    POWERTOOLS_SERVICE_NAME: functionName,
    AWS_LAMBDA_FUNCTION_NAME: functionName,
  };
}
