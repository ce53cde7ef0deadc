import {
  type Env,
  envReader,
  type KafkaConnectionConfig,
  kafkaConnectionFromEnv,
  registryOptionsFromEnv,
} from '../config/env.js';
import { EnvNames } from '../config/env-names.js';
import type { RegistryOptions } from '../registry/options.js';
import { ConsumerError } from './errors.js';

/** What every consumer function reads from its environment, parsed once at cold start. */
export interface ConsumerConfig {
  readonly region: string;
  readonly consumerGroup: string;
  readonly idempotencyTable: string;
  readonly kafka: KafkaConnectionConfig;
  readonly registry: RegistryOptions;
  /** Secrets Manager secret with the registry service's basic-auth user (Confluent API only). */
  readonly registrySecretArn?: string;
  /** DynamoDB endpoint override (local stack). */
  readonly dynamodbEndpoint?: string;
}

/** A required variable is missing or malformed: the function cannot start. */
export class ConsumerConfigError extends ConsumerError {}

/** Parses and freezes a consumer's configuration; throws ConsumerConfigError naming the variable at fault. */
export function parseConsumerConfig(env: Env): ConsumerConfig {
  const read = consumerEnv(env);
  const dynamodbEndpoint = read.optional(EnvNames.dynamodbEndpoint);
  const registrySecretArn = read.optional(EnvNames.registryCredentialsSecretArn);
  return Object.freeze({
    region: read.required('AWS_REGION'),
    consumerGroup: read.required(EnvNames.consumerGroup),
    idempotencyTable: read.required(EnvNames.idempotencyTableName),
    kafka: kafkaConnectionFromEnv(read),
    registry: registryOptionsFromEnv(read),
    ...(registrySecretArn ? { registrySecretArn } : {}),
    ...(dynamodbEndpoint ? { dynamodbEndpoint } : {}),
  });
}

/** A variable a handler needs beyond the common ones (e.g. its read-model table). */
export function requiredEnv(env: Env, name: string): string {
  return consumerEnv(env).required(name);
}

function consumerEnv(env: Env) {
  return envReader(env, (message) => new ConsumerConfigError(message));
}
