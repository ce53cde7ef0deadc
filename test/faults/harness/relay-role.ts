import { Logger } from '@aws-lambda-powertools/logger';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { SQSClient } from '@aws-sdk/client-sqs';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { createManagedProducer } from '../../../functions/lib/kafka/index.js';
import { loadManifest } from '../../../functions/lib/manifest/index.js';
import { createRegistryClient } from '../../../functions/lib/registry/factory.js';
import { createSerde } from '../../../functions/lib/serde/index.js';
import { sqsFailureDestination } from '../../../functions/outbox-relay/failure-destination.js';
import { createRelay } from '../../../functions/outbox-relay/relay.js';
import { DynamoDbStreamTrigger } from '../../../local/triggers/index.js';
import { localClientConfig } from '../../support/local-aws.js';
import type { PipelineConfig, RoleOptions } from './config.js';
import { roleKafka } from './kafka-client.js';

export interface RunningRole {
  stop(): Promise<void>;
}

/** The outbox relay behind the local DynamoDB Streams trigger, as its Lambda runs it. */
export function startRelay(run: PipelineConfig, options: RoleOptions = {}): RunningRole {
  const registryUrl = options.registryUrl ?? run.registryUrl;
  const producer = createManagedProducer(() => roleKafka(run, options, 'faults-relay'), {
    retry: { retries: 2, initialRetryTime: 100, maxRetryTime: 500 },
  });
  const relay = createRelay({
    serde: createSerde({
      registry: { kind: 'confluent', url: registryUrl },
      client: createRegistryClient({ kind: 'confluent', url: registryUrl }),
    }),
    manifest: loadManifest(run.schemasDir),
    producer,
    // The Lambda's own destination, a real queue on moto: the checker reads it back.
    failures: sqsFailureDestination(new SQSClient(localClientConfig('moto')), run.failureQueueUrl),
    logger: new Logger({ serviceName: 'faults-relay', logLevel: 'SILENT' }),
    ...(run.maxMessageBytes === undefined ? {} : { maxMessageBytes: run.maxMessageBytes }),
  });
  const trigger = new DynamoDbStreamTrigger({
    functionName: 'faults-relay',
    handler: async (event: DynamoDBStreamEvent) => (await relay(event)).response,
    streamArn: run.streamArn,
    streams: new DynamoDBStreamsClient(localClientConfig('dynamodb')),
    batchSize: 100,
    reportBatchItemFailures: true,
    retryDelayMs: 200,
    timeoutMs: options.timeoutMs ?? 10_000,
  });
  trigger.start();
  return {
    async stop() {
      await trigger.stop();
      await producer.disconnect();
    },
  };
}
