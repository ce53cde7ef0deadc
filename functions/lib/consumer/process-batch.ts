import type { TransactWriteItem } from '@aws-sdk/client-dynamodb';
import type { Context } from 'aws-lambda';
import { buildDlqRecord } from '../dlq/build-record.js';
import type { DlqReason } from '../dlq/headers.js';
import type { DlqPosition } from '../dlq/publisher.js';
import {
  type Envelope,
  EnvelopeHeaders,
  envelopeFromHeaders,
  type IncomingHeaders,
} from '../envelope/index.js';
import { idempotencyKey, payloadHash } from '../idempotency/key.js';
import type { Claim, IdempotencyStore, RecordIdentity } from '../idempotency/types.js';
import { type BatchSpan, createEventTracer, type EventTracer, type HopSpan } from '../tracing/index.js';
import { batchResponse, type KafkaBatchResponse, type KafkaItemIdentifier } from './batch-response.js';
import { type DecodedParts, decodeRecord } from './decode-record.js';
import type { KafkaBatch, KafkaPartitionBatch, KafkaRecord } from './msk-event.js';
import { outcomeError, RecordOutcomeStatuses, reportOutcome } from './outcomes.js';
import { type FailureStage, routeFailure } from './routing.js';
import type { ConsumerOptions, ConsumerRecord } from './types.js';

type Outcome = 'done' | 'stop';

/**
 * Runs every partition of the batch: records of one partition in offset order, partitions side
 * by side. A retryable failure stops its partition and is reported; a non-retryable one is
 * dead-lettered and the partition goes on. A DLQ that cannot be written fails the invocation.
 */
export async function processBatch<V>(
  batch: KafkaBatch,
  context: Context,
  options: ConsumerOptions<V>,
): Promise<KafkaBatchResponse> {
  const tracer = options.tracer ?? defaultTracer;
  // The invocation's span links every record's context: one batch serves many traces. Without
  // one (tracing off, or no provider) records take the untraced path: not a wrapper more per record.
  const invocation = tracer.enabled ? tracer.batch(options.consumerGroup, recordCount(batch)) : undefined;
  try {
    const known = await readAhead(batch, options);
    const results = await Promise.allSettled(
      batch.partitions.map((partition) =>
        processPartition(partition, context, options, known, tracer, invocation),
      ),
    );
    const failures: KafkaItemIdentifier[] = [];
    for (const result of results) {
      // Let the other partitions finish first so their work is not redone more than necessary.
      if (result.status === 'rejected') throw result.reason;
      if (result.value) failures.push(result.value);
    }
    return batchResponse(failures);
  } catch (error) {
    invocation?.fail(error);
    throw error;
  } finally {
    invocation?.end();
    await tracer.flush();
  }
}

const defaultTracer = createEventTracer();

function recordCount(batch: KafkaBatch): number {
  let count = 0;
  for (const partition of batch.partitions) count += partition.records.length;
  return count;
}

/** Batches at least this large are looked up in one read before their records are claimed. */
const READ_AHEAD_MIN_RECORDS = 50;

/** What the read ahead learnt: each record's identity, and which of them already completed. */
interface ReadAhead {
  readonly identities: ReadonlyMap<KafkaRecord, RecordIdentity>;
  readonly completed: ReadonlySet<string>;
}

/**
 * A large batch is often a redelivery (a Lambda retry after a partial failure, a replay): one
 * batch read then finds its completed records, which are skipped without a claim each. Small
 * batches skip the read, which would cost them more than the claims it could save. A failed
 * read is only a missed shortcut: every record is then claimed as usual.
 */
async function readAhead<V>(batch: KafkaBatch, options: ConsumerOptions<V>): Promise<ReadAhead | undefined> {
  const store = options.idempotency;
  if (!store?.completedAmong) return undefined;
  let size = 0;
  for (const partition of batch.partitions) size += partition.records.length;
  if (size < READ_AHEAD_MIN_RECORDS) return undefined;
  const identities = new Map<KafkaRecord, RecordIdentity>();
  for (const partition of batch.partitions) {
    for (const record of partition.records) identities.set(record, identityOf(record, options));
  }
  try {
    return { identities, completed: await store.completedAmong([...identities.values()]) };
  } catch (error) {
    logger(options).warn('idempotency read ahead failed; claiming each record', { error });
    return { identities, completed: new Set() };
  }
}

function identityOf<V>(record: KafkaRecord, options: ConsumerOptions<V>): RecordIdentity {
  return {
    key: idempotencyKey({
      consumerGroup: options.consumerGroup,
      eventId: record.header(EnvelopeHeaders.eventId),
      topic: record.topic,
      partition: record.partition,
      offset: record.offset,
    }),
    payloadHash: payloadHash(record.value),
  };
}

async function processPartition<V>(
  partition: KafkaPartitionBatch,
  context: Context,
  options: ConsumerOptions<V>,
  known: ReadAhead | undefined,
  tracer: EventTracer,
  invocation: BatchSpan | undefined,
): Promise<KafkaItemIdentifier | undefined> {
  for (const record of partition.records) {
    // Spanned here rather than in a wrapper: an async function more per record is a promise
    // and a microtask turn more on the warm path (bench B10).
    const span = invocation ? recordSpan(record, options, tracer, invocation) : undefined;
    let outcome: Outcome;
    try {
      outcome = await processRecord(record, context, options, known, span);
    } catch (error) {
      span?.fail(error);
      throw error;
    } finally {
      span?.end();
    }
    if (outcome === 'stop') {
      return { partition: partition.partitionKey, offset: record.offset };
    }
  }
  return undefined;
}

/** One record's processing as a span, a child of the context its `traceparent` header names. */
function recordSpan<V>(
  record: KafkaRecord,
  options: ConsumerOptions<V>,
  tracer: EventTracer,
  invocation: BatchSpan,
): HopSpan {
  // No event id attribute: the span's parent is the event's create span, which carries it, and
  // every header read here is a copy out of the JSON byte array, paid per record.
  return tracer.consume(
    record.topic,
    record.header(EnvelopeHeaders.traceparent),
    {
      'messaging.consumer.group.name': options.consumerGroup,
      'messaging.destination.partition.id': String(record.partition),
      'messaging.kafka.offset': record.offset,
    },
    invocation,
  );
}

async function processRecord<V>(
  record: KafkaRecord,
  context: Context,
  options: ConsumerOptions<V>,
  known: ReadAhead | undefined,
  span: HopSpan | undefined,
): Promise<Outcome> {
  const identity = options.idempotency
    ? (known?.identities.get(record) ?? identityOf(record, options))
    : undefined;
  // Completed before (a redelivery): nothing to decode, claim or run.
  if (identity && known?.completed.has(identity.key)) {
    reportOutcome(record, options.consumerGroup, RecordOutcomeStatuses.duplicate);
    return 'done';
  }
  let decoded: DecodedParts<V>;
  try {
    const parts = decodeRecord<V>(record, options.serde, options.keyFormat ?? 'utf8');
    // A warm schema cache decodes synchronously: no await, no microtask turn per record.
    decoded = parts instanceof Promise ? await parts : parts;
    if (options.decryption) {
      // Likewise with warm DEKs; a retryable KMS or DEK registry failure retries the record.
      const clear = options.decryption.apply(record.topic, decoded);
      decoded = clear instanceof Promise ? await clear : clear;
    }
  } catch (error) {
    return fail(record, error, 'decode', options, span);
  }
  let claim: Claim | undefined;
  if (options.idempotency && identity) {
    try {
      const result = await options.idempotency.claim({
        ...identity,
        leaseMs: leaseMs(context, options.defaultLeaseMs ?? 60_000),
      });
      if (result.status === 'completed') {
        reportOutcome(record, options.consumerGroup, RecordOutcomeStatuses.duplicate);
        return 'done';
      }
      claim = result.claim;
    } catch (error) {
      return fail(record, error, 'handle', options, span);
    }
  }

  const settle = claim && options.idempotency ? { claim, store: options.idempotency } : undefined;
  try {
    await options.handler(new DecodedConsumerRecord(record, decoded, span, settle), context);
  } catch (error) {
    if (settle) {
      // Fenced out: the claim is another invocation's now, so there is nothing of ours to release.
      const takenOver = settle.store.takenOver(settle.claim, error);
      if (takenOver) return fail(record, takenOver, 'handle', options, span);
      await releaseQuietly(settle.claim, options);
    }
    return fail(record, error, 'handle', options, span);
  }

  // Also when the handler committed the completion itself: conditioned on our token, this is a no-op then.
  if (claim) {
    try {
      await options.idempotency?.complete(claim);
    } catch (error) {
      // The side effect happened. Reporting a retry would run it again once the lease ran out;
      // leaving the claim in progress only delays a redelivery, so log and go on.
      logger(options).warn('could not record completion', { key: claim.key, error });
    }
  }
  reportOutcome(record, options.consumerGroup, RecordOutcomeStatuses.processed);
  return 'done';
}

async function fail<V>(
  record: KafkaRecord,
  error: unknown,
  stage: FailureStage,
  options: ConsumerOptions<V>,
  span: HopSpan | undefined,
): Promise<Outcome> {
  span?.fail(error);
  const routing = routeFailure(error, stage);
  if (routing.action === 'retry') {
    logger(options).warn('retryable failure, stopping partition', {
      topic: record.topic,
      partition: record.partition,
      offset: record.offset,
      error,
    });
    reportOutcome(record, options.consumerGroup, RecordOutcomeStatuses.retry, () => ({
      error: outcomeError(error),
    }));
    return 'stop';
  }
  const dlq = await deadLetter(record, error, routing.reason, options);
  reportOutcome(record, options.consumerGroup, RecordOutcomeStatuses.deadLettered, () => ({
    reason: routing.reason,
    error: outcomeError(error),
    ...(dlq ? { dlq } : {}),
  }));
  return 'done';
}

async function deadLetter<V>(
  record: KafkaRecord,
  error: unknown,
  reason: DlqReason,
  options: ConsumerOptions<V>,
): Promise<DlqPosition | undefined> {
  logger(options).error('sending record to DLQ', {
    reason,
    topic: record.topic,
    partition: record.partition,
    offset: record.offset,
    error,
  });
  // Not caught: if the DLQ cannot take the record, the invocation fails and Lambda redelivers it.
  return options.dlq.publish(buildDlqRecord(record, { reason, error, consumerGroup: options.consumerGroup }));
}

async function releaseQuietly<V>(claim: Claim, options: ConsumerOptions<V>): Promise<void> {
  try {
    await options.idempotency?.release(claim);
  } catch (error) {
    // The lease still runs out, after which a redelivery can claim the record again.
    logger(options).warn('could not release claim', { key: claim.key, error });
  }
}

class DecodedConsumerRecord<V> implements ConsumerRecord<V> {
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
  readonly timestamp: number;
  readonly key: unknown;
  readonly value: V | null;
  readonly schemaId?: number | string;
  private envelopeRead = false;
  private envelopeValue: Envelope | undefined;
  private completionValue: TransactWriteItem | undefined;

  constructor(
    readonly raw: KafkaRecord,
    decoded: DecodedParts<V>,
    /** Its `traceparent` is formatted when the handler reads it, not per record. */
    private readonly span: HopSpan | undefined,
    private readonly settle?: { readonly claim: Claim; readonly store: IdempotencyStore },
  ) {
    this.topic = raw.topic;
    this.partition = raw.partition;
    this.offset = raw.offset;
    this.timestamp = raw.timestamp;
    this.key = decoded.key;
    this.value = decoded.value;
    if (decoded.schemaId !== undefined) this.schemaId = decoded.schemaId;
  }

  /** The processing span's context; untraced, the incoming header, read only when asked for. */
  get traceparent(): string | undefined {
    return this.span?.traceparent ?? this.raw.header(EnvelopeHeaders.traceparent);
  }

  get headers(): IncomingHeaders {
    return this.raw.headerMap;
  }

  // Read on first use: a handler that never looks at the envelope does not pay for its validation.
  get envelope(): Envelope | undefined {
    if (!this.envelopeRead) {
      this.envelopeValue = readEnvelope(this.raw);
      this.envelopeRead = true;
    }
    return this.envelopeValue;
  }

  // Built on first use, so a handler that does not fence its effect pays nothing for it.
  get completion(): TransactWriteItem | undefined {
    if (this.settle && !this.completionValue) {
      this.completionValue = this.settle.store.completionWrite(this.settle.claim);
    }
    return this.completionValue;
  }
}

function readEnvelope(record: KafkaRecord): Envelope | undefined {
  try {
    return envelopeFromHeaders(record.headerMap);
  } catch {
    // Records from producers outside Eventline may lack the envelope; the handler still gets the headers.
    return undefined;
  }
}

/** The claim outlives this invocation by nothing: once Lambda would have killed it, another may take over. */
function leaseMs(context: Context, fallback: number): number {
  const remaining =
    typeof context?.getRemainingTimeInMillis === 'function' ? context.getRemainingTimeInMillis() : NaN;
  return Number.isFinite(remaining) && remaining > 0 ? remaining : fallback;
}

function logger<V>(options: ConsumerOptions<V>) {
  return options.logger ?? console;
}
