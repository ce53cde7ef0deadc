import { Logger } from '@aws-lambda-powertools/logger';
import { EnvNames } from '../lib/config/env-names.js';
import { parseConsumerConfig, requiredEnv } from '../lib/consumer/config.js';
import { kafkaConsumer } from '../lib/consumer/index.js';
import { consumerRuntime } from '../lib/consumer/runtime.js';
import { setupTracing, tracingConfigFromEnv } from '../lib/tracing/index.js';
import { orderProjection } from './project.js';

// Cold start: configuration is parsed once and the clients are reused by every invocation.
const config = parseConsumerConfig(process.env);
const readModelTable = requiredEnv(process.env, EnvNames.orderReadModelTableName);
const runtime = await consumerRuntime(config);
const tracer = setupTracing(tracingConfigFromEnv(process.env));

/** MSK trigger on orders.order.placed, .paid and .cancelled: maintains the order read model. */
export const handler = kafkaConsumer({
  consumerGroup: config.consumerGroup,
  logger: new Logger({ serviceName: 'order-projection' }),
  serde: runtime.serde,
  dlq: runtime.dlq,
  idempotency: runtime.idempotency,
  // Set only where EVENTLINE_KEK_KEY_ARNS lets the function decrypt (infra/stacks/consumers.ts `decrypt`).
  ...(runtime.decryption ? { decryption: runtime.decryption } : {}),
  tracer,
  handler: orderProjection({ client: runtime.dynamodb, tableName: readModelTable }),
});
