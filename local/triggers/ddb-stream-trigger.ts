import {
  DescribeStreamCommand,
  type DynamoDBStreamsClient,
  GetRecordsCommand,
  type GetRecordsCommandOutput,
  GetShardIteratorCommand,
  type Shard,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { isAwsError } from '../../functions/lib/errors/index.js';
import { type Discarded, runBatch } from './batch-runner.js';
import { functionArn } from './context.js';
import {
  lowestFailedSequenceIndex,
  toDynamoDbStreamEvent,
  toLambdaDynamoDbRecord,
} from './ddb-stream-event.js';
import {
  invocationRecord,
  type SqsFailureDestination,
  sendInvocationRecord,
} from './ddb-stream-failure-destination.js';
import { type FilterPattern, matchesAnyFilter } from './filter.js';
import { invokeObserved, type LambdaHandler } from './invoke.js';
import type { TriggerObserver } from './observer.js';
import { type RetryPolicy, resolveRetryPolicy } from './retry-policy.js';
import { sleep } from './sleep.js';

export interface DynamoDbStreamTriggerOptions extends RetryPolicy {
  readonly functionName: string;
  readonly handler: LambdaHandler<DynamoDBStreamEvent>;
  readonly streamArn: string;
  readonly streams: DynamoDBStreamsClient;
  /** @default 100 (Lambda's default for DynamoDB Streams) */
  readonly batchSize?: number;
  /** MaximumBatchingWindowInSeconds, in ms. @default 0 */
  readonly maximumBatchingWindowMs?: number;
  /** FilterCriteria patterns; a record is sent when it matches any. @default none (all records) */
  readonly filters?: readonly FilterPattern[];
  /** @default 'TRIM_HORIZON' */
  readonly startingPosition?: 'TRIM_HORIZON' | 'LATEST';
  /** Lambda polls each shard four times a second. @default 250 */
  readonly pollIntervalMs?: number;
  /** Per-invocation timeout. @default 30_000 */
  readonly timeoutMs?: number;
  /** Where discarded batches are described (an SQS queue on moto locally). @default none: dropped */
  readonly onFailure?: SqsFailureDestination;
  readonly observer?: TriggerObserver;
}

/** New shards appear when DynamoDB rolls a shard over; a closed shard triggers a discovery at once. */
const discoveryIntervalMs = 1000;

interface ShardState {
  readonly shardId: string;
  iterator?: string;
  lastSequenceNumber?: string;
  buffer: DynamoDBRecord[];
  bufferedSince?: number;
  closed: boolean;
}

/**
 * Feeds a DynamoDB table's stream to a handler as Lambda's event source mapping does
 * (https://docs.aws.amazon.com/lambda/latest/dg/with-ddb.html): per shard, in order, batches of
 * at most `batchSize` filtered records, with the retry, partial batch, bisect, record age and
 * on-failure rules of `runBatch`. A child shard is read only after its parent is drained.
 */
export class DynamoDbStreamTrigger {
  private readonly options: DynamoDbStreamTriggerOptions;
  private readonly policy;
  private readonly shards = new Map<string, ShardState>();
  private readonly abort = new AbortController();
  private loop?: Promise<void>;
  private firstDiscovery = true;
  private discoveredAt = 0;
  /** A shard closed since the last discovery: its children may be readable now. */
  private shardClosed = false;
  /** The last poll fetched records: poll again at once, more may have arrived meanwhile. */
  private fetchedRecords = false;

  constructor(options: DynamoDbStreamTriggerOptions) {
    this.options = options;
    this.policy = resolveRetryPolicy(options);
  }

  start(): void {
    this.loop ??= this.run();
  }

  /** Stops polling; an invocation under way finishes, and nothing after it is checkpointed. */
  async stop(): Promise<void> {
    this.abort.abort();
    await this.loop;
  }

  private get running(): boolean {
    return !this.abort.signal.aborted;
  }

  private async run(): Promise<void> {
    const interval = this.options.pollIntervalMs ?? 250;
    while (this.running) {
      this.fetchedRecords = false;
      const polledAt = Date.now();
      try {
        if (this.firstDiscovery || this.shardClosed || Date.now() - this.discoveredAt >= discoveryIntervalMs)
          await this.discoverShards();
        await Promise.all([...this.shards.values()].filter((s) => !s.closed).map((s) => this.pollShard(s)));
      } catch (error) {
        this.options.observer?.({
          type: 'poll-error',
          functionName: this.options.functionName,
          error: error as Error,
        });
      }
      // Polls start every interval (Lambda polls each shard 4 times a second), not an interval
      // after the last poll ended.
      if (!this.fetchedRecords) await sleep(interval - (Date.now() - polledAt), this.abort.signal);
    }
  }

  private async discoverShards(): Promise<void> {
    this.discoveredAt = Date.now();
    this.shardClosed = false;
    const all: Shard[] = [];
    let start: string | undefined;
    do {
      const page = await this.options.streams.send(
        new DescribeStreamCommand({ StreamArn: this.options.streamArn, ExclusiveStartShardId: start }),
      );
      all.push(...(page.StreamDescription?.Shards ?? []));
      start = page.StreamDescription?.LastEvaluatedShardId;
    } while (start);
    for (const shard of all) {
      const id = shard.ShardId as string;
      if (this.shards.has(id)) continue;
      const parent = shard.ParentShardId ? this.shards.get(shard.ParentShardId) : undefined;
      if (parent && !(parent.closed && parent.buffer.length === 0)) continue;
      // LATEST applies to the shards open when the trigger starts; later shards are read from their start.
      const position = this.firstDiscovery
        ? (this.options.startingPosition ?? 'TRIM_HORIZON')
        : 'TRIM_HORIZON';
      const iterator = await this.options.streams.send(
        new GetShardIteratorCommand({
          StreamArn: this.options.streamArn,
          ShardId: id,
          ShardIteratorType: position,
        }),
      );
      this.shards.set(id, { shardId: id, iterator: iterator.ShardIterator, buffer: [], closed: false });
    }
    this.firstDiscovery = false;
  }

  private async pollShard(shard: ShardState): Promise<void> {
    const batchSize = this.options.batchSize ?? 100;
    if (shard.iterator && shard.buffer.length < batchSize) await this.fetch(shard);
    const window = this.options.maximumBatchingWindowMs ?? 0;
    while (this.running && shard.buffer.length > 0) {
      const full = shard.buffer.length >= batchSize;
      const waited = Date.now() - (shard.bufferedSince ?? 0) >= window;
      if (!full && !waited && shard.iterator) return;
      const batch = shard.buffer.slice(0, batchSize);
      const finished = await this.process(shard, batch);
      if (!finished) return;
      shard.buffer.splice(0, batch.length);
      shard.bufferedSince = shard.buffer.length > 0 ? Date.now() : undefined;
    }
    if (!shard.iterator && shard.buffer.length === 0) {
      shard.closed = true;
      this.shardClosed = true;
    }
  }

  private async fetch(shard: ShardState): Promise<void> {
    let page: GetRecordsCommandOutput;
    try {
      page = await this.options.streams.send(
        new GetRecordsCommand({ ShardIterator: shard.iterator, Limit: 1000 }),
      );
    } catch (error) {
      // An expired iterator, or one DynamoDB Local reports as past the trim point: start again after the last record seen.
      if (!isAwsError(error, 'ExpiredIteratorException', 'TrimmedDataAccessException')) throw error;
      const fresh = await this.options.streams.send(
        new GetShardIteratorCommand({
          StreamArn: this.options.streamArn,
          ShardId: shard.shardId,
          ...(shard.lastSequenceNumber
            ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: shard.lastSequenceNumber }
            : { ShardIteratorType: 'TRIM_HORIZON' }),
        }),
      );
      shard.iterator = fresh.ShardIterator;
      return;
    }
    shard.iterator = page.NextShardIterator;
    if ((page.Records ?? []).length > 0) this.fetchedRecords = true;
    const records = (page.Records ?? []).map((r) => toLambdaDynamoDbRecord(r, this.options.streamArn));
    const last = records[records.length - 1];
    if (last?.dynamodb?.SequenceNumber) shard.lastSequenceNumber = last.dynamodb.SequenceNumber;
    const kept = records.filter((r) => matchesAnyFilter(r, this.options.filters ?? []));
    if (records.length > kept.length) {
      this.options.observer?.({
        type: 'filtered',
        functionName: this.options.functionName,
        records: records.length - kept.length,
      });
    }
    if (kept.length > 0 && shard.buffer.length === 0) shard.bufferedSince = Date.now();
    shard.buffer.push(...kept);
  }

  private process(shard: ShardState, batch: readonly DynamoDBRecord[]): Promise<boolean> {
    const { functionName, observer } = this.options;
    let lastRequestId = '';
    return runBatch(batch, this.policy, {
      invoke: async (records) => {
        const result = await invokeObserved(
          this.options.handler,
          toDynamoDbStreamEvent(records),
          { functionName, records: records.length, timeoutMs: this.options.timeoutMs },
          observer,
        );
        lastRequestId = result.requestId;
        return result;
      },
      firstFailedIndex: lowestFailedSequenceIndex,
      ageMs: (r) => Date.now() - (r.dynamodb?.ApproximateCreationDateTime ?? 0) * 1000,
      discard: async (discarded: Discarded<DynamoDBRecord>) => {
        observer?.({
          type: 'discarded',
          functionName,
          records: discarded.records.length,
          condition: discarded.condition,
        });
        if (!this.options.onFailure) return;
        await sendInvocationRecord(
          this.options.onFailure,
          invocationRecord(discarded, {
            functionArn: functionArn(functionName),
            requestId: lastRequestId,
            shardId: shard.shardId,
            streamArn: this.options.streamArn,
          }),
        );
      },
      checkpoint: async () => {},
      running: () => this.running,
      sleep: (ms) => sleep(ms, this.abort.signal),
    });
  }
}
