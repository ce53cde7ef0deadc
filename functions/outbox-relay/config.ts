import { EnvNames } from '../lib/config/env-names.js';
import { type KafkaAuthMode, KafkaAuthModes } from '../lib/kafka/index.js';
import type { RegistryOptions } from '../lib/serde/types.js';
import { RelayConfigError } from './errors.js';

/** Everything the relay reads from its environment, parsed once at cold start. */
export interface RelayConfig {
  readonly region: string;
  readonly kafka: {
    readonly brokers?: readonly string[];
    readonly clusterArn?: string;
    readonly auth: KafkaAuthMode;
    readonly mskEndpoint?: string;
    readonly maxMessageBytes: number;
  };
  readonly registry: RegistryOptions;
  readonly failureQueueUrl: string;
  /** SQS endpoint override (moto locally). */
  readonly sqsEndpoint?: string;
  /** @default the project's schemas folder */
  readonly schemasDir?: string;
  /** Secrets Manager secret with the registry service's basic-auth credentials (confluent kind only). */
  readonly registrySecretArn?: string;
}

type Env = Readonly<Record<string, string | undefined>>;

/** Parses and freezes the relay's configuration; throws RelayConfigError naming the variable at fault. */
export function parseRelayConfig(env: Env): RelayConfig {
  const brokers = optional(env, EnvNames.kafkaBrokers)
    ?.split(',')
    .map((b) => b.trim())
    .filter(Boolean);
  const clusterArn = optional(env, EnvNames.mskClusterArn);
  if (!brokers?.length && !clusterArn) {
    throw new RelayConfigError(
      `set ${EnvNames.mskClusterArn} (MSK) or ${EnvNames.kafkaBrokers} (host:port,...)`,
    );
  }
  const auth = optional(env, EnvNames.kafkaAuth) ?? (brokers?.length ? 'plaintext' : 'iam');
  if (!Object.values<string>(KafkaAuthModes).includes(auth)) {
    throw new RelayConfigError(`${EnvNames.kafkaAuth} must be iam or plaintext, not "${auth}"`);
  }
  const maxMessageBytes = Number(optional(env, EnvNames.kafkaMaxMessageBytes) ?? 1_048_588);
  if (!Number.isInteger(maxMessageBytes) || maxMessageBytes <= 0) {
    throw new RelayConfigError(`${EnvNames.kafkaMaxMessageBytes} must be a positive integer`);
  }
  const mskEndpoint = optional(env, EnvNames.awsEndpoint);
  const schemasDir = optional(env, EnvNames.schemasDir);
  const registrySecretArn = optional(env, EnvNames.registryCredentialsSecretArn);
  return Object.freeze({
    region: required(env, 'AWS_REGION'),
    kafka: Object.freeze({
      ...(brokers?.length ? { brokers: Object.freeze(brokers) } : {}),
      ...(clusterArn ? { clusterArn } : {}),
      auth: auth as KafkaAuthMode,
      ...(mskEndpoint ? { mskEndpoint } : {}),
      maxMessageBytes,
    }),
    registry: registryOptions(env),
    failureQueueUrl: required(env, EnvNames.relayFailureQueueUrl),
    ...(mskEndpoint ? { sqsEndpoint: mskEndpoint } : {}),
    ...(schemasDir ? { schemasDir } : {}),
    ...(registrySecretArn ? { registrySecretArn } : {}),
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
  throw new RelayConfigError(`${EnvNames.registryKind} must be confluent or glue, not "${kind}"`);
}

function optional(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

function required(env: Env, name: string): string {
  const value = optional(env, name);
  if (value === undefined) throw new RelayConfigError(`environment variable ${name} is required`);
  return value;
}
