import type { DynamoDBStreamEvent, MSKEvent } from 'aws-lambda';
import type { LocalResources, MappingSettings } from '../assembly/index.js';
import {
  DynamoDbPositionStore,
  DynamoDbStreamTrigger,
  KafkaTrigger,
  type LambdaHandler,
  type SourceRecord,
  type TriggerObserver,
} from '../triggers/index.js';
import type { PipelineClients } from './clients.js';
import { PipelineError } from './errors.js';

/**
 * Local-only settings that differ from the template, each on purpose and each shown in the live
 * view and the summary: shorter waits so a laptop run reads in seconds, and where a new Kafka
 * group starts (the local topics are shared by every run and keep earlier runs' records).
 */
export interface LocalTriggerSettings {
  /** DynamoDB Streams poll interval (Lambda polls each shard 4 times a second: 250 ms). */
  readonly streamPollMs: number;
  /** Replaces every Kafka mapping's MaximumBatchingWindowInSeconds. */
  readonly batchingWindowMs: number;
  /** `LATEST`: a new local consumer group starts at the end of the topic; `template`: as the mapping says. */
  readonly kafkaStartingPosition: 'LATEST' | 'template';
}

/** Pause before a failed batch is retried, so a failing handler does not spin a core (Lambda backs off too). */
const retryDelayMs = 200;

interface TriggerContext {
  readonly functionName: string;
  readonly timeoutMs: number;
  readonly prefix: string;
  readonly resources: LocalResources;
  readonly clients: PipelineClients;
  readonly settings: LocalTriggerSettings;
  readonly observer: TriggerObserver;
  /** Where stream mappings keep their positions (see positionsTableName). */
  readonly positionsTable: string;
  /** What the Kafka mappings deliver: this pipeline's records, not another run's. */
  readonly accepts: (record: SourceRecord) => boolean;
}

/** The table of the stream mappings' positions under a prefix, beside the tables of the template. */
export const positionsTableName = (prefix: string) => `${prefix}-trigger-positions`;

/** A started local trigger with what the live view needs to know about it. */
export interface StartedTrigger {
  readonly stop: () => Promise<void>;
  /** Kafka mappings: the local consumer group and its topics (for the lag). */
  readonly group?: { readonly id: string; readonly topics: readonly string[] };
}

/** Starts the local trigger of one event source mapping, configured from its properties. */
export async function startTrigger(
  mapping: MappingSettings,
  handler: LambdaHandler,
  context: TriggerContext,
): Promise<StartedTrigger> {
  const retry = {
    reportBatchItemFailures: mapping.reportBatchItemFailures,
    bisectBatchOnFunctionError: mapping.bisectBatchOnFunctionError,
    retryDelayMs,
    ...(mapping.maximumRetryAttempts !== undefined
      ? { maximumRetryAttempts: mapping.maximumRetryAttempts }
      : {}),
    ...(mapping.maximumRecordAgeSeconds !== undefined
      ? { maximumRecordAgeSeconds: mapping.maximumRecordAgeSeconds }
      : {}),
  };
  const { source } = mapping;
  if (source.kind === 'ddb-stream') {
    const streamArn = context.resources.tables.get(source.tableLogicalId)?.streamArn;
    if (!streamArn) {
      throw new PipelineError(`${mapping.logicalId}: table ${source.tableLogicalId} has no stream locally`);
    }
    const onFailure = mapping.onFailure;
    if (onFailure?.kind === 'kafka') {
      throw new PipelineError(`${mapping.logicalId}: a stream mapping cannot have a kafka:// destination`);
    }
    const queueUrl = onFailure ? context.resources.queues.get(onFailure.queueLogicalId)?.url : undefined;
    if (onFailure && !queueUrl) {
      throw new PipelineError(
        `${mapping.logicalId}: its failure queue ${onFailure.queueLogicalId} is not in the template`,
      );
    }
    const trigger = new DynamoDbStreamTrigger({
      ...retry,
      functionName: context.functionName,
      handler: handler as LambdaHandler<DynamoDBStreamEvent>,
      streamArn,
      streams: context.clients.streams,
      filters: mapping.filters,
      pollIntervalMs: context.settings.streamPollMs,
      timeoutMs: context.timeoutMs,
      ...(mapping.batchSize !== undefined ? { batchSize: mapping.batchSize } : {}),
      ...(mapping.maximumBatchingWindowSeconds !== undefined
        ? { maximumBatchingWindowMs: mapping.maximumBatchingWindowSeconds * 1000 }
        : {}),
      ...(mapping.startingPosition ? { startingPosition: mapping.startingPosition } : {}),
      ...(queueUrl ? { onFailure: { sqs: context.clients.sqs, queueUrl } } : {}),
      // Kafka groups keep their committed offsets in the broker; the stream's position lives here.
      positions: new DynamoDbPositionStore({
        dynamodb: context.clients.dynamodb,
        tableName: context.positionsTable,
        mappingId: mapping.logicalId,
        streamArn,
      }),
      observer: context.observer,
    });
    trigger.start();
    return { stop: () => trigger.stop() };
  }
  const onFailure = mapping.onFailure;
  if (onFailure?.kind === 'sqs') {
    throw new PipelineError(
      `${mapping.logicalId}: an SQS failure destination on a Kafka mapping is not implemented locally`,
    );
  }
  const groupId = `${context.prefix}-${source.consumerGroupId ?? mapping.logicalId}`;
  const startingPosition =
    context.settings.kafkaStartingPosition === 'LATEST' ? 'LATEST' : mapping.startingPosition;
  const trigger = new KafkaTrigger({
    ...retry,
    functionName: context.functionName,
    handler: handler as LambdaHandler<MSKEvent>,
    kafka: context.clients.kafka,
    topics: source.topics,
    groupId,
    bootstrapServers: context.clients.brokers.join(','),
    maximumBatchingWindowMs: context.settings.batchingWindowMs,
    timeoutMs: context.timeoutMs,
    ...(mapping.batchSize !== undefined ? { batchSize: mapping.batchSize } : {}),
    ...(startingPosition ? { startingPosition } : {}),
    ...(onFailure ? { onFailure: { producer: context.clients.producer, topic: () => onFailure.topic } } : {}),
    accepts: context.accepts,
    observer: context.observer,
  });
  await trigger.start();
  return { stop: () => trigger.stop(), group: { id: groupId, topics: source.topics } };
}

/** One line for the live view: what differs from the template locally. */
export function describeLocalSettings(settings: LocalTriggerSettings): string {
  return [
    `stream poll ${settings.streamPollMs} ms (Lambda 250 ms)`,
    `Kafka batching window ${settings.batchingWindowMs} ms (template's MaximumBatchingWindowInSeconds replaced)`,
    `new Kafka groups start at ${settings.kafkaStartingPosition === 'LATEST' ? 'LATEST (local topics keep earlier runs)' : "the template's StartingPosition"}`,
  ].join(' · ');
}
