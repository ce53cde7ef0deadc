import { EnvNames } from '../config/env-names.js';
import { type KafkaAuthMode, KafkaAuthModes } from '../kafka/index.js';
import type { RegistryOptions } from '../serde/types.js';
import { ConsumerError } from './errors.js';

/** What every consumer function reads from its environment, parsed once at cold start. */
export interface ConsumerConfig {
  readonly region: string;
  readonly consumerGroup: string;
  readonly idempotencyTable: string;
  readonly kafka: {
    readonly brokers?: readonly string[];
    readonly clusterArn?: string;
    readonly auth: KafkaAuthMode;
    readonly mskEndpoint?: string;
  };
  readonly registry: RegistryOptions;
  /** Secrets Manager secret with the registry service's basic-auth user (Confluent API only). */
  readonly registrySecretArn?: string;
  /** DynamoDB endpoint override (local stack). */
  readonly dynamodbEndpoint?: string;
}

/** A required variable is missing or malformed: the function cannot start. */
export class ConsumerConfigError extends ConsumerError {
  constructor(message: string) {
    super(message);
    this.name = 'ConsumerConfigError';
  }
}

type Env = Readonly<Record<string, string | undefined>>;

/** Parses and freezes a consumer's configuration; throws ConsumerConfigError naming the variable at fault. */
export function parseConsumerConfig(env: Env): ConsumerConfig {
  const brokers = optional(env, EnvNames.kafkaBrokers)
    ?.split(',')
    .map((b) => b.trim())
    .filter(Boolean);
  const clusterArn = optional(env, EnvNames.mskClusterArn);
  if (!brokers?.length && !clusterArn) {
    throw new ConsumerConfigError(
      `set ${EnvNames.mskClusterArn} (MSK) or ${EnvNames.kafkaBrokers} (host:port,...)`,
    );
  }
  const auth =
    optional(env, EnvNames.kafkaAuth) ?? (clusterArn ? KafkaAuthModes.iam : KafkaAuthModes.plaintext);
  if (!Object.values<string>(KafkaAuthModes).includes(auth)) {
    throw new ConsumerConfigError(`${EnvNames.kafkaAuth} must be iam or plaintext, not "${auth}"`);
  }
  const mskEndpoint = optional(env, EnvNames.awsEndpoint);
  const dynamodbEndpoint = optional(env, EnvNames.dynamodbEndpoint);
  const registrySecretArn = optional(env, EnvNames.registryCredentialsSecretArn);
  return Object.freeze({
    region: required(env, 'AWS_REGION'),
    consumerGroup: required(env, EnvNames.consumerGroup),
    idempotencyTable: required(env, EnvNames.idempotencyTableName),
    kafka: Object.freeze({
      ...(brokers?.length ? { brokers: Object.freeze(brokers) } : {}),
      ...(clusterArn ? { clusterArn } : {}),
      auth: auth as KafkaAuthMode,
      ...(mskEndpoint ? { mskEndpoint } : {}),
    }),
    registry: registryOptions(env),
    ...(registrySecretArn ? { registrySecretArn } : {}),
    ...(dynamodbEndpoint ? { dynamodbEndpoint } : {}),
  });
}

function registryOptions(env: Env): RegistryOptions {
  const kind = required(env, EnvNames.registryKind);
  if (kind === 'confluent') return Object.freeze({ kind, url: required(env, EnvNames.registryUrl) });
  if (kind === 'glue') {
    const endpoint = optional(env, EnvNames.glueEndpoint);
    return Object.freeze({
      kind,
      registryName: required(env, EnvNames.glueRegistryName),
      region: required(env, 'AWS_REGION'),
      ...(endpoint ? { endpoint } : {}),
    });
  }
  throw new ConsumerConfigError(`${EnvNames.registryKind} must be confluent or glue, not "${kind}"`);
}

/** A variable a handler needs beyond the common ones (e.g. its read-model table). */
export function requiredEnv(env: Env, name: string): string {
  return required(env, name);
}

function optional(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

function required(env: Env, name: string): string {
  const value = optional(env, name);
  if (value === undefined) throw new ConsumerConfigError(`environment variable ${name} is required`);
  return value;
}
