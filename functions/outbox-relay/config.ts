import {
  type Env,
  envReader,
  type KafkaConnectionConfig,
  kafkaConnectionFromEnv,
  registryOptionsFromEnv,
} from '../lib/config/env.js';
import { EnvNames } from '../lib/config/env-names.js';
import type { RegistryOptions } from '../lib/registry/index.js';
import { RelayConfigError } from './errors.js';

/** Everything the relay reads from its environment, parsed once at cold start. */
export interface RelayConfig {
  readonly region: string;
  readonly kafka: KafkaConnectionConfig & { readonly maxMessageBytes: number };
  readonly registry: RegistryOptions;
  readonly failureQueueUrl: string;
  /** SQS endpoint override (moto locally). */
  readonly sqsEndpoint?: string;
  /** @default the project's schemas folder */
  readonly schemasDir?: string;
  /** Secrets Manager secret with the registry service's basic-auth credentials (confluent kind only). */
  readonly registrySecretArn?: string;
}

/** Parses and freezes the relay's configuration; throws RelayConfigError naming the variable at fault. */
export function parseRelayConfig(env: Env): RelayConfig {
  const read = envReader(env, (message) => new RelayConfigError(message));
  const maxMessageBytes = Number(read.optional(EnvNames.kafkaMaxMessageBytes) ?? 1_048_588);
  if (!Number.isInteger(maxMessageBytes) || maxMessageBytes <= 0) {
    throw new RelayConfigError(`${EnvNames.kafkaMaxMessageBytes} must be a positive integer`);
  }
  const kafka = kafkaConnectionFromEnv(read);
  const schemasDir = read.optional(EnvNames.schemasDir);
  const registrySecretArn = read.optional(EnvNames.registryCredentialsSecretArn);
  return Object.freeze({
    region: read.required('AWS_REGION'),
    kafka: Object.freeze({ ...kafka, maxMessageBytes }),
    registry: registryOptionsFromEnv(read),
    failureQueueUrl: read.required(EnvNames.relayFailureQueueUrl),
    ...(kafka.mskEndpoint ? { sqsEndpoint: kafka.mskEndpoint } : {}),
    ...(schemasDir ? { schemasDir } : {}),
    ...(registrySecretArn ? { registrySecretArn } : {}),
  });
}
