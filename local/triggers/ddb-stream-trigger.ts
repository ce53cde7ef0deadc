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
import type { StreamPositionStore } from './stream-position-store.js';

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
  /**
   * Where the position in each shard is kept, so that a restarted trigger resumes after the last
   * record it finished, as the mapping does. @default none: every start begins at `startingPosition`
   */
  readonly positions?: StreamPositionStore;
  readonly observer?: TriggerObserver;
}

/** New shards appear when DynamoDB rolls a shard over; a closed shard triggers a discovery at once. */
const discoveryIntervalMs = 1000;

interface ShardState {
  readonly shardId: string;
  iterator?: string;
  lastSequenceNumber?: string;
  /** The position last written to the store. */
  savedSequenceNumber?: string;
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
  /** The positions stored by an earlier run of the mapping, read at the first discovery. */
  private saved: ReadonlyMap<string, string> = new Map();
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
    if (this.firstDiscovery && this.options.positions) this.saved = await this.options.positions.load();
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
      const after = this.saved.get(id);
      // The starting position applies once, to the shards open when the mapping first runs
      // (LATEST there); any other shard is read from its start, as are shards of a resumed
      // mapping that it finished nothing in.
      const position =
        this.firstDiscovery && this.saved.size === 0
          ? (this.options.startingPosition ?? 'TRIM_HORIZON')
          : 'TRIM_HORIZON';
      this.shards.set(id, {
        shardId: id,
        iterator: await this.iterator(id, position, after),
        ...(after ? { lastSequenceNumber: after, savedSequenceNumber: after } : {}),
        buffer: [],
        closed: false,
      });
    }
    this.firstDiscovery = false;
  }

  /**
   * An iterator after a sequence number when there is one (at TRIM_HORIZON once that record is
   * trimmed away: what is left of the shard is all unread), else at the starting position.
   */
  private async iterator(
    shardId: string,
    position: 'TRIM_HORIZON' | 'LATEST',
    after?: string,
  ): Promise<string | undefined> {
    try {
      const answer = await this.options.streams.send(
        new GetShardIteratorCommand({
          StreamArn: this.options.streamArn,
          ShardId: shardId,
          ...(after
            ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: after }
            : { ShardIteratorType: position }),
        }),
      );
      return answer.ShardIterator;
    } catch (error) {
      if (!after || !isAwsError(error, 'TrimmedDataAccessException')) throw error;
      return this.iterator(shardId, 'TRIM_HORIZON');
    }
  }

  /** Stores the shard's position once it moved (a no-op without a store). */
  private async savePosition(shard: ShardState, sequenceNumber: string): Promise<void> {
    if (!this.options.positions || shard.savedSequenceNumber === sequenceNumber) return;
    await this.options.positions.save(shard.shardId, sequenceNumber);
    shard.savedSequenceNumber = sequenceNumber;
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
    // Everything fetched is done, the records the filters dropped included: position past them all.
    if (shard.buffer.length === 0 && shard.lastSequenceNumber)
      await this.savePosition(shard, shard.lastSequenceNumber);
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
      shard.iterator = await this.iterator(shard.shardId, 'TRIM_HORIZON', shard.lastSequenceNumber);
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
      checkpoint: async (records) => {
        const last = records[records.length - 1]?.dynamodb?.SequenceNumber;
        if (last) await this.savePosition(shard, last);
      },
      running: () => this.running,
      sleep: (ms) => sleep(ms, this.abort.signal),
    });
  }
}
