import {
  type Env,
  envReader,
  type KafkaConnectionConfig,
  kafkaConnectionFromEnv,
  registryOptionsFromEnv,
} from '../config/env.js';
import { EnvNames } from '../config/env-names.js';
import type { RegistryOptions } from '../registry/options.js';
import type { KmsKeyIds } from '../serde/encryption/index.js';
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
  /** The KMS key ARN of each KEK the function may decrypt with; empty when it may decrypt nothing. */
  readonly kmsKeyIds: KmsKeyIds;
  /** The DEK registry's base URL: EVENTLINE_DEK_REGISTRY_URL, else a Confluent registry's own URL. */
  readonly dekRegistryUrl?: string;
  /** The bundled manifest's folder (its topics' `encryption` when the registry keeps no rule sets). */
  readonly schemasDir?: string;
}

/** A required variable is missing or malformed: the function cannot start. */
export class ConsumerConfigError extends ConsumerError {}

/** Parses and freezes a consumer's configuration; throws ConsumerConfigError naming the variable at fault. */
export function parseConsumerConfig(env: Env): ConsumerConfig {
  const read = consumerEnv(env);
  const dynamodbEndpoint = read.optional(EnvNames.dynamodbEndpoint);
  const registrySecretArn = read.optional(EnvNames.registryCredentialsSecretArn);
  const registry = registryOptionsFromEnv(read);
  const dekRegistryUrl =
    read.optional(EnvNames.dekRegistryUrl) ?? (registry.kind === 'confluent' ? registry.url : undefined);
  const kmsKeyIds = parseKmsKeyIds(read.optional(EnvNames.kekKeyArns));
  if (Object.keys(kmsKeyIds).length > 0 && dekRegistryUrl === undefined) {
    throw new ConsumerConfigError(
      `${EnvNames.kekKeyArns} lets this function decrypt, but its registry keeps no DEKs: set ${EnvNames.dekRegistryUrl} to the registry service`,
    );
  }
  const schemasDir = read.optional(EnvNames.schemasDir);
  return Object.freeze({
    region: read.required('AWS_REGION'),
    consumerGroup: read.required(EnvNames.consumerGroup),
    idempotencyTable: read.required(EnvNames.idempotencyTableName),
    kafka: kafkaConnectionFromEnv(read),
    registry,
    ...(registrySecretArn ? { registrySecretArn } : {}),
    ...(dynamodbEndpoint ? { dynamodbEndpoint } : {}),
    kmsKeyIds,
    ...(dekRegistryUrl ? { dekRegistryUrl } : {}),
    ...(schemasDir ? { schemasDir } : {}),
  });
}

/** `{ "<kek>": "<key arn>" }` as infra/constructs/field-keks.ts writes it; unset: no KEKs. */
function parseKmsKeyIds(json: string | undefined): KmsKeyIds {
  if (json === undefined) return Object.freeze({});
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (error) {
    throw new ConsumerConfigError(`${EnvNames.kekKeyArns} is not JSON: ${(error as Error).message}`);
  }
  const entries = typeof parsed === 'object' && parsed !== null ? Object.entries(parsed) : [];
  if (entries.length === 0 || entries.some(([, arn]) => typeof arn !== 'string' || arn === '')) {
    throw new ConsumerConfigError(
      `${EnvNames.kekKeyArns} must be a JSON object of KEK names to KMS key ARNs, got ${json}`,
    );
  }
  return Object.freeze(Object.fromEntries(entries)) as KmsKeyIds;
}

/** A variable a handler needs beyond the common ones (e.g. its read-model table). */
export function requiredEnv(env: Env, name: string): string {
  return consumerEnv(env).required(name);
}

function consumerEnv(env: Env) {
  return envReader(env, (message) => new ConsumerConfigError(message));
}
