import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SQSClient } from '@aws-sdk/client-sqs';
import type { Context, DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { createKafka, createManagedProducer } from '../lib/kafka/index.js';
import { loadManifest } from '../lib/manifest/index.js';
import { createRegistryClient, withRegistryCredentials } from '../lib/registry/index.js';
import { createSerde } from '../lib/serde/index.js';
import { setupTracing, tracingConfigFromEnv } from '../lib/tracing/index.js';
import { parseRelayConfig } from './config.js';
import { sqsFailureDestination } from './failure-destination.js';
import { createRelay } from './relay.js';

// Cold start: configuration, schemas, registry client, Kafka producer and SQS client are
// built once per container and reused by every invocation it serves.
const config = parseRelayConfig(process.env);
const logger = new Logger({ serviceName: 'outbox-relay' });
const tracer = setupTracing(tracingConfigFromEnv(process.env));
const metrics = new Metrics({ namespace: 'Eventline', serviceName: 'outbox-relay' });
const registry = await withRegistryCredentials(
  config.registry,
  config.registrySecretArn,
  () => new SecretsManagerClient({ region: config.region }),
);
const relay = createRelay({
  serde: createSerde({ registry, client: createRegistryClient(registry) }),
  manifest: loadManifest(config.schemasDir),
  producer: createManagedProducer(() =>
    createKafka({
      clientId: 'outbox-relay',
      ...config.kafka,
      region: config.region,
    }),
  ),
  failures: sqsFailureDestination(
    new SQSClient({ region: config.region, ...(config.sqsEndpoint ? { endpoint: config.sqsEndpoint } : {}) }),
    config.failureQueueUrl,
  ),
  logger,
  maxMessageBytes: config.kafka.maxMessageBytes,
  tracer,
});

/** The outbox relay Lambda: DynamoDB Streams (outbox INSERTs) to Kafka, with a partial batch response. */
export async function handler(event: DynamoDBStreamEvent, context?: Context): Promise<DynamoDBBatchResponse> {
  if (context) logger.addContext(context);
  try {
    const { response, summary } = await relay(event);
    metrics.addMetric('RecordsRelayed', MetricUnit.Count, summary.relayed);
    metrics.addMetric('RecordsFailed', MetricUnit.Count, summary.failed);
    metrics.addMetric('RecordsRetried', MetricUnit.Count, summary.retried);
    metrics.addMetric('ProduceRequests', MetricUnit.Count, summary.produceRequests);
    return response;
  } finally {
    metrics.publishStoredMetrics();
    await tracer.flush();
  }
}
