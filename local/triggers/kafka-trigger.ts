import type { MSKEvent } from 'aws-lambda';
import type { Consumer, EachBatchPayload, Kafka } from 'kafkajs';
import { runBatch } from './batch-runner.js';
import { InvocationCoalescer } from './coalescer.js';
import { invokeObserved, type LambdaHandler } from './invoke.js';
import { type KafkaFailureDestination, sendToKafkaDlq } from './kafka-failure-destination.js';
import { keepAlive } from './keep-alive.js';
import { firstFailedKafkaIndex, type SourceRecord, toMskEvent } from './msk-event.js';
import type { TriggerObserver } from './observer.js';
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
  /**
   * Partitions served at once; their batches share one invocation (up to batchSize records) and
   * records of one partition stay sequential ("Lambda reads messages sequentially for each Kafka
   * topic partition", https://docs.aws.amazon.com/lambda/latest/dg/with-msk-process.html). @default 1
   */
  readonly concurrentPartitions?: number;
  /** Per-invocation timeout. @default 30_000 */
  readonly timeoutMs?: number;
  /** KafkaDlq on-failure destination. @default none: exhausted records are skipped */
  readonly onFailure?: KafkaFailureDestination;
  readonly observer?: TriggerObserver;
}

const localClusterArn =
  'arn:aws:kafka:us-east-1:000000000000:cluster/eventline-local/00000000-0000-0000-0000-000000000000-1';

/**
 * Feeds Kafka topics to a handler as Lambda's MSK event source mapping does: one consumer group,
 * batches of at most `batchSize` records of one partition, offsets committed only after a
 * successful invocation, or up to the first failed record of a partial batch response; retries,
 * bisect and record age as configured, and exhausted records to the Kafka DLQ destination.
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

  constructor(options: KafkaTriggerOptions) {
    this.options = options;
    const resolved = resolveRetryPolicy(options);
    // With infinite retries and a Kafka on-failure destination Lambda caps retries at 10
    // (https://docs.aws.amazon.com/lambda/latest/dg/kafka-on-failure-destination.html).
    this.policy =
      options.onFailure && resolved.maximumRetryAttempts < 0
        ? { ...resolved, maximumRetryAttempts: 10 }
        : resolved;
    const window = options.maximumBatchingWindowMs ?? 500;
    this.coalescer = new InvocationCoalescer((records) => this.invoke(records), {
      batchSize: options.batchSize ?? 100,
      // Partition batches fetched together arrive within a few ms of each other.
      windowMs: Math.min(window, 10),
    });
    this.consumer = this.createConsumer();
  }

  private createConsumer(): Consumer {
    const window = this.options.maximumBatchingWindowMs ?? 500;
    return this.options.kafka.consumer({
      groupId: this.options.groupId,
      maxWaitTimeInMs: Math.max(window, 10),
      // The broker answers a fetch once it holds this much or the window ends: Lambda's batching window.
      minBytes: window > 0 ? (this.options.batchSize ?? 100) * 128 : 1,
      allowAutoTopicCreation: false,
      retry: { retries: 5 },
    });
  }

  /** Joins the consumer group; resolves once the group has given this trigger its partitions. */
  async start(): Promise<void> {
    this.started ??= this.connect();
    await this.started;
  }

  async stop(): Promise<void> {
    this.abort.abort();
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
    consumer.on(consumer.events.GROUP_JOIN, () => this.joined());
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
      partitionsConsumedConcurrently: this.options.concurrentPartitions ?? 1,
      eachBatch: (payload) => this.eachBatch(payload),
    });
  }

  /**
   * kafkajs restarts a crashed consumer only after a retriable error; after any other thrown out
   * of eachBatch (a TypeError, or a non-retriable wrapper kafkajs does not recognise) it stays
   * disconnected, out of the group. Lambda's poller never stops, so the trigger rejoins with
   * a fresh consumer from the last committed offsets, and says so.
   */
  private crashed(consumer: Consumer, error: Error, restart: boolean): void {
    const { functionName, observer } = this.options;
    if (this.abort.signal.aborted || consumer !== this.consumer) return;
    observer?.({ type: 'poll-error', functionName, error });
    if (restart || this.restarting) return;
    this.restarting = this.rejoin(consumer).finally(() => {
      this.restarting = undefined;
    });
  }

  private async rejoin(crashed: Consumer): Promise<void> {
    const { functionName, observer } = this.options;
    await crashed.disconnect().catch(() => undefined);
    while (!this.abort.signal.aborted) {
      this.consumer = this.createConsumer();
      try {
        await this.run(this.consumer);
        return;
      } catch (error) {
        observer?.({ type: 'poll-error', functionName, error: error as Error });
        await this.consumer.disconnect().catch(() => undefined);
        await sleep(1000, this.abort.signal);
      }
    }
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

  private async eachBatch(payload: EachBatchPayload): Promise<void> {
    const { batch, heartbeat, isRunning, isStale, resolveOffset } = payload;
    const { functionName, observer, groupId } = this.options;
    const size = this.options.batchSize ?? 100;
    const running = () => !this.abort.signal.aborted && isRunning() && !isStale();
    const all: SourceRecord[] = batch.messages.map((message) => ({
      topic: batch.topic,
      partition: batch.partition,
      message,
    }));
    for (let start = 0; start < all.length && running(); start += size) {
      const finished = await runBatch(all.slice(start, start + size), this.policy, {
        invoke: (records) => keepAlive(heartbeat, this.coalescer.submit(records)),
        firstFailedIndex: firstFailedKafkaIndex,
        ageMs: (r) => Date.now() - Number(r.message.timestamp),
        discard: async (discarded) => {
          observer?.({
            type: 'discarded',
            functionName,
            records: discarded.records.length,
            condition: discarded.condition,
          });
          // A failing DLQ produce throws out of eachBatch: nothing is committed and the records come back.
          if (this.options.onFailure) await sendToKafkaDlq(this.options.onFailure, discarded, groupId);
        },
        checkpoint: async (records) => {
          const last = records[records.length - 1];
          if (!last) return;
          resolveOffset(last.message.offset);
          await this.consumer
            .commitOffsets([
              {
                topic: last.topic,
                partition: last.partition,
                offset: String(BigInt(last.message.offset) + 1n),
              },
            ])
            .catch((error: unknown) => {
              throw groupMembershipError(error);
            });
        },
        running,
        sleep: async (ms) => {
          await heartbeat();
          await sleep(ms, this.abort.signal);
        },
      });
      if (!finished) return;
      await heartbeat();
    }
  }
}

const membershipErrors = new Set(['UNKNOWN_MEMBER_ID', 'REBALANCE_IN_PROGRESS', 'ILLEGAL_GENERATION']);

/**
 * Consumer#commitOffsets wraps the coordinator's refusal in a KafkaJSNonRetriableError; thrown out
 * of eachBatch that wrapper crashes the consumer for good, while the bare protocol error makes
 * kafkajs rejoin the group (runner.js checks `e.type`). So hand kafkajs the error it recognises.
 */
function groupMembershipError(error: unknown): unknown {
  const cause = (error as { cause?: { type?: unknown } } | undefined)?.cause;
  return typeof cause?.type === 'string' && membershipErrors.has(cause.type) ? cause : error;
}
