import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { KMSClient } from '@aws-sdk/client-kms';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { type DlqPublisher, kafkaDlqPublisher } from '../dlq/index.js';
import { dynamoDbIdempotencyStore, type IdempotencyStore } from '../idempotency/index.js';
import { createKafka, createManagedProducer } from '../kafka/index.js';
import { loadManifest } from '../manifest/index.js';
import {
  createRegistryClient,
  DekRegistryClient,
  type RegistryCredentials,
  readRegistryCredentials,
  withRegistryCredentials,
} from '../registry/index.js';
import type { RegistryOptions } from '../registry/options.js';
import { awsKmsKek, DekKeyring, FieldEncryptor, httpDekRegistry } from '../serde/encryption/index.js';
import type { Serde } from '../serde/index.js';
import { createSerde } from '../serde/index.js';
import type { ConsumerConfig } from './config.js';
import { FieldDecryption } from './field-decryption.js';

/** The clients a consumer function builds once per container and reuses across invocations. */
export interface ConsumerRuntime {
  readonly dynamodb: DynamoDBClient;
  readonly serde: Serde;
  readonly dlq: DlqPublisher;
  readonly idempotency: IdempotencyStore;
  /** Present when the function may decrypt (EVENTLINE_KEK_KEY_ARNS) or masks what it may not. */
  readonly decryption?: FieldDecryption;
}

export interface ConsumerRuntimeOptions {
  /**
   * What the encrypted string fields this function may not decrypt read as (e.g. `'****'`).
   * @default undefined: the ciphertext, base64
   */
  readonly mask?: string;
}

/**
 * Builds a consumer's clients from its parsed configuration, once per container: the registry
 * client (with the registry service's basic-auth user when a secret is configured), the serde,
 * the DLQ producer and the idempotency store.
 * @example
 * const runtime = await consumerRuntime(config);
 * export const handler = kafkaConsumer({ ...runtime, consumerGroup: config.consumerGroup, handler });
 */
export async function consumerRuntime(
  config: ConsumerConfig,
  options: ConsumerRuntimeOptions = {},
): Promise<ConsumerRuntime> {
  const secrets = () => new SecretsManagerClient({ region: config.region });
  const registry = await withRegistryCredentials(config.registry, config.registrySecretArn, secrets);
  const dynamodb = new DynamoDBClient({
    region: config.region,
    ...(config.dynamodbEndpoint ? { endpoint: config.dynamodbEndpoint } : {}),
  });
  const producer = createManagedProducer(() =>
    createKafka({ clientId: `${config.consumerGroup}-dlq`, ...config.kafka, region: config.region }),
  );
  const serde = createSerde({ registry, client: createRegistryClient(registry) });
  const decryption = await fieldDecryption(config, registry, serde, options, secrets);
  return {
    dynamodb,
    serde,
    dlq: kafkaDlqPublisher({ producer }),
    idempotency: dynamoDbIdempotencyStore({ client: dynamodb, tableName: config.idempotencyTable }),
    ...(decryption ? { decryption } : {}),
  };
}

/** None for a function that neither decrypts nor masks: its records skip the step entirely. */
async function fieldDecryption(
  config: ConsumerConfig,
  registry: RegistryOptions,
  serde: Serde,
  options: ConsumerRuntimeOptions,
  secrets: () => SecretsManagerClient,
): Promise<FieldDecryption | undefined> {
  const decrypts = Object.keys(config.kmsKeyIds).length > 0;
  if (!decrypts && options.mask === undefined) return undefined;
  const auth = await dekRegistryAuth(config, registry, secrets);
  const dekRegistry = httpDekRegistry(
    new DekRegistryClient({ url: config.dekRegistryUrl ?? '', ...(auth ? { auth } : {}) }),
  );
  const keyring = new DekKeyring({
    registry: dekRegistry,
    kek: awsKmsKek(new KMSClient({ region: config.region })),
  });
  const mask = options.mask === undefined ? {} : { mask: options.mask };
  return new FieldDecryption({
    encryptor: new FieldEncryptor(keyring, mask),
    kmsKeyIds: config.kmsKeyIds,
    writerSchema: (id) => serde.writerSchema?.(id),
    manifest: config.schemasDir ? loadManifest(config.schemasDir) : loadManifest(),
    ...mask,
  });
}

/**
 * The DEK registry's credentials: the registry's own when it is the registry service; with Glue
 * direct, the registry service's reader secret the stack gives decrypting consumers; else none.
 */
async function dekRegistryAuth(
  config: ConsumerConfig,
  registry: RegistryOptions,
  secrets: () => SecretsManagerClient,
): Promise<RegistryCredentials | undefined> {
  if (registry.kind === 'confluent')
    return registry.url === config.dekRegistryUrl ? registry.auth : undefined;
  return config.registrySecretArn ? readRegistryCredentials(secrets(), config.registrySecretArn) : undefined;
}
