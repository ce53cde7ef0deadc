import type { MSKEvent } from 'aws-lambda';
import type { Consumer, EachBatchPayload, Kafka } from 'kafkajs';
import { localClusterArn } from '../stack/config.js';
import { type BatchHooks, runBatch } from './batch-runner.js';
import { InvocationCoalescer } from './coalescer.js';
import { invokeObserved, type LambdaHandler } from './invoke.js';
import { type KafkaFailureDestination, sendToKafkaDlq } from './kafka-failure-destination.js';
import { firstFailedKafkaIndex, type SourceRecord, toMskEvent } from './msk-event.js';
import type { TriggerObserver } from './observer.js';
import { PartitionLane } from './partition-lane.js';
import { type RetryPolicy, resolveRetryPolicy } from './retry-policy.js';
import { sleep } from './sleep.js';

export interface KafkaTriggerOptions extends RetryPolicy {
  readonly functionName: string;
  readonly handler: LambdaHandler<MSKEvent>;
  readonly kafka: Kafka;
  readonly topics: readonly string[];
  /** The event source mapping's consumer group (Lambda: the mapping UUID unless set). */
  readonly groupId: string;
  /** Put into the event as `bootstrapServers`. */
  readonly bootstrapServers: string;
  /** @default a local MSK cluster ARN */
  readonly eventSourceArn?: string;
  /** @default 100 (Lambda's default for MSK) */
  readonly batchSize?: number;
  /**
   * MaximumBatchingWindowInSeconds, in ms: how long the broker may hold a fetch to fill a batch.
   * @default 500 (Lambda's default for Kafka event sources)
   */
  readonly maximumBatchingWindowMs?: number;
  /** @default 'TRIM_HORIZON' */
  readonly startingPosition?: 'TRIM_HORIZON' | 'LATEST';
  /** Per-invocation timeout. @default 30_000 */
  readonly timeoutMs?: number;
  /** KafkaDlq on-failure destination. @default none: exhausted records are skipped */
  readonly onFailure?: KafkaFailureDestination;
  /**
   * Records it refuses never reach the function and are committed past, as records an event
   * filter drops are (the local pipeline keeps concurrent runs apart with it). @default every record
   */
  readonly accepts?: (record: SourceRecord) => boolean;
  readonly observer?: TriggerObserver;
}

/**
 * Feeds Kafka topics to a handler as Lambda's MSK event source mapping does: one consumer group,
 * batches of at most `batchSize` records, offsets committed only after a successful invocation,
 * or up to the first failed record of a partial batch response; retries, bisect and record age
 * as configured, and exhausted records to the Kafka DLQ destination.
 *
 * Like Lambda's poller, it keeps fetching while the function runs. Each partition has a lane:
 * its records reach the function in offset order, one batch at a time ("Lambda reads messages
 * sequentially for each Kafka topic partition", https://docs.aws.amazon.com/lambda/latest/dg/with-msk-process.html),
 * and the batches of partitions ready together share one invocation ("A single Lambda payload
 * can contain messages from multiple partitions", same page). A lane that holds two batches
 * pauses its partition's fetching until the function catches up.
 */
export class KafkaTrigger {
  private readonly options: KafkaTriggerOptions;
  private readonly policy;
  private consumer: Consumer;
  private readonly abort = new AbortController();
  private started?: Promise<void>;
  private restarting?: Promise<void>;
  private joined: () => void = () => undefined;
  private readonly coalescer: InvocationCoalescer<SourceRecord>;
  private readonly lanes = new Map<string, PartitionLane>();
  private readonly driving: Promise<void>[] = [];

  constructor(options: KafkaTriggerOptions) {
    this.options = options;
    const resolved = resolveRetryPolicy(options);
    // With infinite retries and a Kafka on-failure destination Lambda caps retries at 10
    // (https://docs.aws.amazon.com/lambda/latest/dg/kafka-on-failure-destination.html).
    this.policy =
      options.onFailure && resolved.maximumRetryAttempts < 0
        ? { ...resolved, maximumRetryAttempts: 10 }
        : resolved;
    this.coalescer = new InvocationCoalescer((records) => this.invoke(records), {
      batchSize: this.batchSize,
      // The lanes a fetch fills are handed their records within a millisecond or two.
      windowMs: Math.min(this.options.maximumBatchingWindowMs ?? 500, 2),
    });
    this.consumer = this.createConsumer();
  }

  private get batchSize(): number {
    return this.options.batchSize ?? 100;
  }

  private createConsumer(): Consumer {
    const window = this.options.maximumBatchingWindowMs ?? 500;
    return this.options.kafka.consumer({
      groupId: this.options.groupId,
      maxWaitTimeInMs: Math.max(window, 10),
      // The broker answers a fetch once it holds this much or the window ends: Lambda's batching window.
      minBytes: window > 0 ? this.batchSize * 128 : 1,
      allowAutoTopicCreation: false,
      retry: { retries: 5 },
    });
  }

  /** Joins the consumer group; resolves once the group has given this trigger its partitions. */
  async start(): Promise<void> {
    this.started ??= this.connect();
    await this.started;
  }

  /** Stops fetching; invocations under way finish, and nothing after them is committed. */
  async stop(): Promise<void> {
    this.abort.abort();
    await Promise.all(this.driving);
    await this.restarting;
    await this.consumer.disconnect();
  }

  private async connect(): Promise<void> {
    // Any consumer's join counts: a first consumer may crash before joining and be replaced.
    const joined = new Promise<void>((resolve) => {
      this.joined = resolve;
    });
    await this.run(this.consumer);
    await joined;
  }

  private async run(consumer: Consumer): Promise<void> {
    consumer.on(consumer.events.GROUP_JOIN, () => {
      // A new assignment fetches from the committed offsets again: what the lanes hold is stale.
      if (consumer === this.consumer) this.clearLanes(consumer);
      this.joined();
    });
    consumer.on(consumer.events.CRASH, ({ payload }) =>
      this.crashed(consumer, payload.error, payload.restart),
    );
    await consumer.connect();
    await consumer.subscribe({
      topics: [...this.options.topics],
      fromBeginning: (this.options.startingPosition ?? 'TRIM_HORIZON') === 'TRIM_HORIZON',
    });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      eachBatch: async (payload) => this.fetched(consumer, payload),
    });
  }

  /**
   * kafkajs restarts a crashed consumer only after a retriable error; after any other it stays
   * disconnected, out of the group. Lambda's poller never stops, so the trigger rejoins with a
   * fresh consumer from the last committed offsets, and says so.
   */
  private crashed(consumer: Consumer, error: Error, restart: boolean): void {
    if (this.abort.signal.aborted || consumer !== this.consumer) return;
    this.report(error);
    this.clearLanes(consumer);
    if (restart) return;
    this.rejoin(consumer);
  }

  /** A lane could not finish a batch (a commit or DLQ write failed): start again from the committed offsets. */
  private failed(error: Error): void {
    if (this.abort.signal.aborted) return;
    this.report(error);
    this.clearLanes(this.consumer);
    this.rejoin(this.consumer);
  }

  private report(error: Error): void {
    this.options.observer?.({ type: 'poll-error', functionName: this.options.functionName, error });
  }

  private rejoin(crashed: Consumer): void {
    if (this.restarting) return;
    this.restarting = this.replace(crashed).finally(() => {
      this.restarting = undefined;
    });
  }

  private async replace(crashed: Consumer): Promise<void> {
    await crashed.disconnect().catch(() => undefined);
    while (!this.abort.signal.aborted) {
      this.consumer = this.createConsumer();
      try {
        await this.run(this.consumer);
        return;
      } catch (error) {
        this.report(error as Error);
        await this.consumer.disconnect().catch(() => undefined);
        await sleep(1000, this.abort.signal);
      }
    }
  }

  /** A fetched batch joins its partition's lane; the consumer fetches on past it at once. */
  private fetched(consumer: Consumer, { batch, resolveOffset }: EachBatchPayload): void {
    if (consumer !== this.consumer || this.restarting || this.abort.signal.aborted) return;
    const lane = this.lane(batch.topic, batch.partition);
    lane.push(batch.messages.map((message) => ({ topic: batch.topic, partition: batch.partition, message })));
    resolveOffset(batch.lastOffset());
    if (lane.full) this.pause(consumer, lane);
  }

  private pause(consumer: Consumer, lane: PartitionLane): void {
    if (lane.paused) return;
    lane.paused = true;
    consumer.pause([{ topic: lane.topic, partitions: [lane.partition] }]);
  }

  private resume(consumer: Consumer, lane: PartitionLane): void {
    if (!lane.paused) return;
    lane.paused = false;
    consumer.resume([{ topic: lane.topic, partitions: [lane.partition] }]);
  }

  private lane(topic: string, partition: number): PartitionLane {
    const key = `${topic}-${partition}`;
    let lane = this.lanes.get(key);
    if (!lane) {
      // Room for the batch under way and a whole next one.
      lane = new PartitionLane(topic, partition, 2 * this.batchSize);
      this.lanes.set(key, lane);
      this.driving.push(this.drive(lane));
    }
    return lane;
  }

  private clearLanes(consumer: Consumer): void {
    for (const lane of this.lanes.values()) {
      this.resume(consumer, lane);
      lane.clear();
    }
  }

  /** Runs a lane's batches one after another until the trigger stops. */
  private async drive(lane: PartitionLane): Promise<void> {
    const signal = this.abort.signal;
    while (!signal.aborted) {
      await lane.filled(signal);
      if (signal.aborted) return;
      const epoch = lane.epoch;
      const batch = lane.head(this.batchSize);
      const current = () => !signal.aborted && lane.epoch === epoch;
      try {
        await runBatch(batch, this.policy, this.hooks(current));
      } catch (error) {
        if (current()) this.failed(error as Error);
        continue;
      }
      if (!current()) continue;
      lane.done(batch.length);
      if (!lane.full) this.resume(this.consumer, lane);
    }
  }

  private hooks(current: () => boolean): BatchHooks<SourceRecord> {
    const { functionName, observer, groupId } = this.options;
    return {
      invoke: (records) => {
        const accepted = this.options.accepts ? records.filter(this.options.accepts) : records;
        if (accepted.length < records.length)
          observer?.({ type: 'filtered', functionName, records: records.length - accepted.length });
        // Nothing to invoke: the batch is done, as one whose records all failed a filter.
        if (accepted.length === 0)
          return Promise.resolve({ ok: true, response: undefined, requestId: '', durationMs: 0 });
        return this.coalescer.submit(accepted);
      },
      firstFailedIndex: firstFailedKafkaIndex,
      ageMs: (r) => Date.now() - Number(r.message.timestamp),
      discard: async (discarded) => {
        observer?.({
          type: 'discarded',
          functionName,
          records: discarded.records.length,
          condition: discarded.condition,
        });
        // A failing DLQ produce fails the lane: nothing is committed and the records come back.
        if (this.options.onFailure) await sendToKafkaDlq(this.options.onFailure, discarded, groupId);
      },
      checkpoint: async (records) => {
        const last = records[records.length - 1];
        // A lane emptied meanwhile is fetched again from the committed offset: commit nothing past it.
        if (!last || !current()) return;
        await this.consumer.commitOffsets([
          { topic: last.topic, partition: last.partition, offset: String(BigInt(last.message.offset) + 1n) },
        ]);
      },
      running: current,
      sleep: (ms) => sleep(ms, this.abort.signal),
    };
  }

  private async invoke(records: readonly SourceRecord[]) {
    const { functionName, observer } = this.options;
    const event = toMskEvent(
      {
        eventSourceArn: this.options.eventSourceArn ?? localClusterArn,
        bootstrapServers: this.options.bootstrapServers,
      },
      records,
    );
    return invokeObserved(
      this.options.handler,
      event,
      { functionName, records: records.length, timeoutMs: this.options.timeoutMs },
      observer,
    );
  }
}
