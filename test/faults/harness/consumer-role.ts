import { createHash } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { MSKEvent } from 'aws-lambda';
import { type ConsumerRecord, kafkaConsumer } from '../../../functions/lib/consumer/index.js';
import { kafkaDlqPublisher } from '../../../functions/lib/dlq/index.js';
import { readHeader } from '../../../functions/lib/envelope/index.js';
import { dynamoDbIdempotencyStore } from '../../../functions/lib/idempotency/index.js';
import { createManagedProducer } from '../../../functions/lib/kafka/index.js';
import { createRegistryClient } from '../../../functions/lib/registry/factory.js';
import { createSerde } from '../../../functions/lib/serde/index.js';
import { KafkaTrigger, type LambdaHandler } from '../../../local/triggers/index.js';
import { localClientConfig } from '../../support/local-aws.js';
import { withDeadline } from '../../support/wait-for.js';
import { type PipelineConfig, type RoleOptions, SEQ_HEADER } from './config.js';
import { roleKafka } from './kafka-client.js';
import { applyEffect } from './ledger.js';
import type { RunningRole } from './relay-role.js';
import { injectThrottling } from './throttling.js';

/** The idempotency key's consumer group: the same for every instance, so they all share claims. */
export const LEDGER_CONSUMER_GROUP = 'faults-ledger';
const silent = { warn: () => undefined, error: () => undefined };

/** Stable per event id, so "slow" picks the same events in every process of a run. */
function share(eventId: string): number {
  return createHash('sha1').update(eventId).digest().readUInt16BE(0) / 0x10000;
}

/** The ledger consumer behind the local Kafka trigger, as its MSK event source mapping runs it. */
export async function startConsumer(run: PipelineConfig, options: RoleOptions = {}): Promise<RunningRole> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const registryUrl = options.registryUrl ?? run.registryUrl;
  const dynamodb = new DynamoDBClient({
    ...localClientConfig('dynamodb'),
    ...(options.dynamodbProxyPort ? { endpoint: `http://127.0.0.1:${options.dynamodbProxyPort}` } : {}),
  });
  if (options.throttleRate) injectThrottling(dynamodb, options.throttleRate);
  const kafka = roleKafka(run, options, 'faults-consumer');
  const dlqProducer = createManagedProducer(() =>
    options.dlqProxyPort === undefined
      ? kafka
      : roleKafka(run, { brokerProxyPort: options.dlqProxyPort }, 'faults-consumer-dlq'),
  );
  const slowDone = new Set<string>();
  // Handler runs under way, the zombies of timed-out invocations included: stop waits for them,
  // so the verdict sees every effect a late run can still try to write.
  const running = new Set<Promise<void>>();

  function handler(record: ConsumerRecord): Promise<void> {
    const run = handle(record);
    running.add(run);
    return run.finally(() => running.delete(run));
  }

  async function handle(record: ConsumerRecord): Promise<void> {
    const eventId = record.envelope?.eventId ?? String(readHeader(record.headers, 'event-id'));
    if (options.slowRate && share(eventId) < options.slowRate && !slowDone.has(eventId)) {
      slowDone.add(eventId);
      // Outlive the invocation: the trigger gives up on it while this run goes on (a zombie).
      await new Promise((resolve) => setTimeout(resolve, timeoutMs + 1500));
    }
    // With idempotency on, the ledger write and the claim's completion commit together (fencing).
    await applyEffect(
      dynamodb,
      run.ledgerTable,
      { eventId, aggregateId: String(record.key), seq: Number(readHeader(record.headers, SEQ_HEADER)) },
      record.completion,
    );
  }

  const consumer = kafkaConsumer({
    consumerGroup: LEDGER_CONSUMER_GROUP,
    serde: createSerde({
      registry: { kind: 'confluent', url: registryUrl },
      client: createRegistryClient({ kind: 'confluent', url: registryUrl }),
    }),
    dlq: kafkaDlqPublisher({ producer: dlqProducer }),
    ...(options.withoutIdempotency
      ? {}
      : { idempotency: dynamoDbIdempotencyStore({ client: dynamodb, tableName: run.idempotencyTable }) }),
    logger: silent,
    handler,
  });
  const trigger = new KafkaTrigger({
    functionName: 'faults-consumer',
    handler: consumer as unknown as LambdaHandler<MSKEvent>,
    kafka,
    topics: [run.topic],
    groupId: options.groupId ?? `${run.runId}-ledger`,
    bootstrapServers: run.brokers.join(','),
    batchSize: 20,
    maximumBatchingWindowMs: 50,
    reportBatchItemFailures: true,
    retryDelayMs: 200,
    timeoutMs,
  });
  await trigger.start();
  return {
    async stop() {
      await trigger.stop();
      await withDeadline(Promise.allSettled([...running]), {
        what: 'handler runs that outlived their invocations',
        timeoutMs: timeoutMs + 60_000,
      });
      await dlqProducer.disconnect();
    },
  };
}
