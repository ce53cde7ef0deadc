import { Logger } from '@aws-lambda-powertools/logger';
import { EnvNames } from '../lib/config/env-names.js';
import { parseConsumerConfig, requiredEnv } from '../lib/consumer/config.js';
import { kafkaConsumer } from '../lib/consumer/index.js';
import { consumerRuntime } from '../lib/consumer/runtime.js';
import { loadManifest } from '../lib/manifest/index.js';
import { createOutboxWriter } from '../lib/outbox/index.js';
import { setupTracing, tracingConfigFromEnv } from '../lib/tracing/index.js';
import { requestFulfilment } from './request-fulfilment.js';

// Cold start: configuration is parsed once and the clients are reused by every invocation.
const config = parseConsumerConfig(process.env);
const fulfilmentTable = requiredEnv(process.env, EnvNames.fulfilmentTableName);
const outboxTable = requiredEnv(process.env, EnvNames.outboxTableName);
const schemasDir = process.env[EnvNames.schemasDir];
const runtime = await consumerRuntime(config);
const tracer = setupTracing(tracingConfigFromEnv(process.env));
const outbox = createOutboxWriter({
  client: runtime.dynamodb,
  tableName: outboxTable,
  manifest: schemasDir ? loadManifest(schemasDir) : loadManifest(),
  source: 'fulfilment',
  tracer,
});

/**
 * MSK trigger on orders.order.placed (keeps the shipping address) and orders.order.paid (records a
 * fulfilment request and emits FulfilmentRequested via the outbox).
 */
export const handler = kafkaConsumer({
  consumerGroup: config.consumerGroup,
  logger: new Logger({ serviceName: 'fulfilment' }),
  serde: runtime.serde,
  dlq: runtime.dlq,
  idempotency: runtime.idempotency,
  // Set only where EVENTLINE_KEK_KEY_ARNS lets the function decrypt (infra/stacks/consumers.ts `decrypt`).
  ...(runtime.decryption ? { decryption: runtime.decryption } : {}),
  tracer,
  handler: requestFulfilment({ client: runtime.dynamodb, tableName: fulfilmentTable, outbox }),
});
