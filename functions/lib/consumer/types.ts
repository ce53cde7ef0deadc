import type { TransactWriteItem } from '@aws-sdk/client-dynamodb';
import type { Context } from 'aws-lambda';
import type { DlqPublisher } from '../dlq/publisher.js';
import type { Envelope, IncomingHeaders } from '../envelope/index.js';
import type { IdempotencyStore } from '../idempotency/types.js';
import type { Serde } from '../serde/index.js';
import type { EventTracer } from '../tracing/index.js';
import type { KeyFormat } from './decode-record.js';
import type { FieldDecryption } from './field-decryption.js';
import type { KafkaRecord } from './msk-event.js';

/** What a record handler gets: the decoded record and where it came from. */
export interface ConsumerRecord<V = unknown> {
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
  readonly timestamp: number;
  /** The aggregate id (UTF-8), or the serde-decoded key with `keyFormat: 'serde'`. */
  readonly key: unknown;
  /** Null for a tombstone. */
  readonly value: V | null;
  readonly headers: IncomingHeaders;
  /** The envelope, when the record carries all its headers (docs/architecture.md §2). */
  readonly envelope?: Envelope;
  readonly schemaId?: number | string;
  /**
   * The context of this record's processing span (the incoming `traceparent` with tracing off):
   * pass it to `outbox.write` so a follow-up event continues the same trace.
   */
  readonly traceparent?: string;
  /** The record as it arrived, bytes untouched. */
  readonly raw: KafkaRecord;
  /**
   * With idempotency on: the write that marks this record's claim COMPLETED, conditioned on this
   * invocation still holding the claim. Put it in the same TransactWriteItems as the side effect
   * (or in `outbox.write({ writes })`) and the effect commits exactly once: a crash after the
   * commit leaves the record completed, and an invocation whose lease ran out and whose claim was
   * taken over has its transaction cancelled (the consumer reports ClaimTakenOverError, retryable).
   * Let that cancellation propagate (or keep it as `cause`). Low-level AttributeValues: for
   * `@aws-sdk/client-dynamodb`, not the document client. Undefined without idempotency.
   *
   * @example
   * await client.send(new TransactWriteItemsCommand({
   *   TransactItems: [{ Put: effect }, ...(record.completion ? [record.completion] : [])],
   * }));
   */
  readonly completion?: TransactWriteItem;
}

/**
 * The team's code, run once per record in partition order. Throw RecordRejectedError for a
 * record that can never succeed (DLQ), RetryRecordError (or any other error) to retry it.
 */
export type RecordHandler<V = unknown> = (record: ConsumerRecord<V>, context: Context) => Promise<void>;

/** Minimal logger shape (Powertools' Logger fits). */
export interface ConsumerLogger {
  warn(message: string, ...extra: unknown[]): void;
  error(message: string, ...extra: unknown[]): void;
}

export interface ConsumerOptions<V = unknown> {
  /** The event source mapping's consumer group id: part of the idempotency key and the DLQ headers. */
  readonly consumerGroup: string;
  readonly serde: Serde;
  readonly dlq: DlqPublisher;
  readonly handler: RecordHandler<V>;
  /**
   * Decrypts the fields an ENCRYPT rule covers, for the KEKs the function may use; the others
   * reach the handler as ciphertext (or the decryption's mask).
   * @default undefined: values as they arrive, encrypted fields as ciphertext
   */
  readonly decryption?: FieldDecryption;
  /** Leave out to run without idempotency (the handler must then be idempotent itself). */
  readonly idempotency?: IdempotencyStore;
  /** @default 'utf8' */
  readonly keyFormat?: KeyFormat;
  /**
   * Lease on a claim when the context cannot tell the remaining time (local runs).
   * @default 60000
   */
  readonly defaultLeaseMs?: number;
  /** @default console */
  readonly logger?: ConsumerLogger;
  /** @default createEventTracer(): a span per record, and one per invocation linking them */
  readonly tracer?: EventTracer;
}
