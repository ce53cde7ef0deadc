import { type KafkaAuthMode, KafkaAuthModes } from '../kafka/index.js';
import type { RegistryOptions } from '../registry/options.js';
import { EnvNames } from './env-names.js';

export type Env = Readonly<Record<string, string | undefined>>;

/** Reads variables from one environment; a missing or bad one becomes the caller's config error. */
export interface EnvReader {
  /** The trimmed value, or undefined when unset or blank. */
  optional(name: string): string | undefined;
  required(name: string): string;
  /** Builds the caller's config error, so each function names its own failure. */
  fail(message: string): Error;
}

export function envReader(env: Env, fail: (message: string) => Error): EnvReader {
  const optional = (name: string) => {
    const value = env[name]?.trim();
    return value ? value : undefined;
  };
  return {
    optional,
    required(name) {
      const value = optional(name);
      if (value === undefined) throw fail(`environment variable ${name} is required`);
      return value;
    },
    fail,
  };
}

/** How a function reaches Kafka: a broker list (local runs) or an MSK cluster to look up. */
export interface KafkaConnectionConfig {
  readonly brokers?: readonly string[];
  readonly clusterArn?: string;
  readonly auth: KafkaAuthMode;
  readonly mskEndpoint?: string;
}

/** The Kafka connection variables; the auth default follows createKafka's (a broker list means plaintext). */
export function kafkaConnectionFromEnv(read: EnvReader): KafkaConnectionConfig {
  const brokers = read
    .optional(EnvNames.kafkaBrokers)
    ?.split(',')
    .map((b) => b.trim())
    .filter(Boolean);
  const clusterArn = read.optional(EnvNames.mskClusterArn);
  if (!brokers?.length && !clusterArn) {
    throw read.fail(`set ${EnvNames.mskClusterArn} (MSK) or ${EnvNames.kafkaBrokers} (host:port,...)`);
  }
  const auth =
    read.optional(EnvNames.kafkaAuth) ?? (brokers?.length ? KafkaAuthModes.plaintext : KafkaAuthModes.iam);
  if (!Object.values<string>(KafkaAuthModes).includes(auth)) {
    throw read.fail(`${EnvNames.kafkaAuth} must be iam or plaintext, not "${auth}"`);
  }
  const mskEndpoint = read.optional(EnvNames.awsEndpoint);
  return Object.freeze({
    ...(brokers?.length ? { brokers: Object.freeze(brokers) } : {}),
    ...(clusterArn ? { clusterArn } : {}),
    auth: auth as KafkaAuthMode,
    ...(mskEndpoint ? { mskEndpoint } : {}),
  });
}

/** The registry a function encodes or decodes with: Confluent-compatible by URL, or Glue by name. */
export function registryOptionsFromEnv(read: EnvReader): RegistryOptions {
  const kind = read.required(EnvNames.registryKind);
  if (kind === 'confluent') return Object.freeze({ kind, url: read.required(EnvNames.registryUrl) });
  if (kind === 'glue') {
    const endpoint = read.optional(EnvNames.glueEndpoint);
    return Object.freeze({
      kind,
      registryName: read.required(EnvNames.glueRegistryName),
      region: read.required('AWS_REGION'),
      ...(endpoint ? { endpoint } : {}),
    });
  }
  throw read.fail(`${EnvNames.registryKind} must be confluent or glue, not "${kind}"`);
}
