import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { type DlqPublisher, kafkaDlqPublisher } from '../dlq/index.js';
import { dynamoDbIdempotencyStore, type IdempotencyStore } from '../idempotency/index.js';
import { createKafka, createManagedProducer } from '../kafka/index.js';
import type { SchemaRegistryClient } from '../registry/types.js';
import { createSerde } from '../serde/index.js';
import type { Serde } from '../serde/types.js';
import type { ConsumerConfig } from './config.js';

/** The clients a consumer function builds once per container and reuses across invocations. */
export interface ConsumerRuntime {
  readonly dynamodb: DynamoDBClient;
  readonly serde: Serde;
  readonly dlq: DlqPublisher;
  readonly idempotency: IdempotencyStore;
}

/**
 * Builds a consumer's clients from its parsed configuration and a registry client.
 * @example
 * const runtime = consumerRuntime(config, registryClient);
 * export const handler = kafkaConsumer({ ...runtime, consumerGroup: config.consumerGroup, handler });
 */
export function consumerRuntime(
  config: ConsumerConfig,
  registryClient: SchemaRegistryClient,
): ConsumerRuntime {
  const dynamodb = new DynamoDBClient({
    region: config.region,
    ...(config.dynamodbEndpoint ? { endpoint: config.dynamodbEndpoint } : {}),
  });
  const producer = createManagedProducer(() =>
    createKafka({
      clientId: `${config.consumerGroup}-dlq`,
      region: config.region,
      auth: config.kafka.auth,
      ...(config.kafka.brokers ? { brokers: config.kafka.brokers } : {}),
      ...(config.kafka.clusterArn ? { clusterArn: config.kafka.clusterArn } : {}),
      ...(config.kafka.mskEndpoint ? { mskEndpoint: config.kafka.mskEndpoint } : {}),
    }),
  );
  return {
    dynamodb,
    serde: createSerde({ registry: config.registry, client: registryClient }),
    dlq: kafkaDlqPublisher({ producer }),
    idempotency: dynamoDbIdempotencyStore({ client: dynamodb, tableName: config.idempotencyTable }),
  };
}
