import { Logger } from '@aws-lambda-powertools/logger';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { EnvNames } from '../lib/config/env-names.js';
import { parseConsumerConfig, requiredEnv } from '../lib/consumer/config.js';
import { kafkaConsumer } from '../lib/consumer/index.js';
import { consumerRuntime } from '../lib/consumer/runtime.js';
import { createRegistryClient, withRegistryCredentials } from '../lib/registry/index.js';
import { orderProjection } from './project.js';

// Cold start: configuration is parsed once and the clients are reused by every invocation.
const config = parseConsumerConfig(process.env);
const readModelTable = requiredEnv(process.env, EnvNames.orderReadModelTableName);
const registry = await withRegistryCredentials(
  config.registry,
  config.registrySecretArn,
  () => new SecretsManagerClient({ region: config.region }),
);
const runtime = consumerRuntime({ ...config, registry }, createRegistryClient(registry));

/** MSK trigger on orders.order.placed, .paid and .cancelled: maintains the order read model. */
export const handler = kafkaConsumer({
  consumerGroup: config.consumerGroup,
  logger: new Logger({ serviceName: 'order-projection' }),
  serde: runtime.serde,
  dlq: runtime.dlq,
  idempotency: runtime.idempotency,
  handler: orderProjection({ client: runtime.dynamodb, tableName: readModelTable }),
});
