import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { type DlqPublisher, kafkaDlqPublisher } from '../dlq/index.js';
import { dynamoDbIdempotencyStore, type IdempotencyStore } from '../idempotency/index.js';
import { createKafka, createManagedProducer } from '../kafka/index.js';
import { createRegistryClient, withRegistryCredentials } from '../registry/index.js';
import type { Serde } from '../serde/index.js';
import { createSerde } from '../serde/index.js';
import type { ConsumerConfig } from './config.js';

/** The clients a consumer function builds once per container and reuses across invocations. */
export interface ConsumerRuntime {
  readonly dynamodb: DynamoDBClient;
  readonly serde: Serde;
  readonly dlq: DlqPublisher;
  readonly idempotency: IdempotencyStore;
}

/**
 * Builds a consumer's clients from its parsed configuration, once per container: the registry
 * client (with the registry service's basic-auth user when a secret is configured), the serde,
 * the DLQ producer and the idempotency store.
 * @example
 * const runtime = await consumerRuntime(config);
 * export const handler = kafkaConsumer({ ...runtime, consumerGroup: config.consumerGroup, handler });
 */
export async function consumerRuntime(config: ConsumerConfig): Promise<ConsumerRuntime> {
  const registry = await withRegistryCredentials(
    config.registry,
    config.registrySecretArn,
    () => new SecretsManagerClient({ region: config.region }),
  );
  const dynamodb = new DynamoDBClient({
    region: config.region,
    ...(config.dynamodbEndpoint ? { endpoint: config.dynamodbEndpoint } : {}),
  });
  const producer = createManagedProducer(() =>
    createKafka({ clientId: `${config.consumerGroup}-dlq`, ...config.kafka, region: config.region }),
  );
  return {
    dynamodb,
    serde: createSerde({ registry, client: createRegistryClient(registry) }),
    dlq: kafkaDlqPublisher({ producer }),
    idempotency: dynamoDbIdempotencyStore({ client: dynamodb, tableName: config.idempotencyTable }),
  };
}
