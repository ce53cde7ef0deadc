import { channel } from 'node:diagnostics_channel';
import type { DlqReason } from '../dlq/headers.js';
import type { DlqPosition } from '../dlq/publisher.js';
import type { KafkaRecord } from './msk-event.js';

/** What became of one record in an invocation. */
export const RecordOutcomeStatuses = {
  processed: 'processed',
  /** Completed by an earlier delivery: skipped without running the handler. */
  duplicate: 'duplicate',
  deadLettered: 'dead-lettered',
  /** A retryable failure: reported as the partition's batch item failure. */
  retry: 'retry',
} as const;

export type RecordOutcomeStatus = (typeof RecordOutcomeStatuses)[keyof typeof RecordOutcomeStatuses];

/** An error as an outcome carries it: plain data, able to cross a worker boundary. */
export interface OutcomeError {
  readonly name: string;
  readonly message: string;
  /** Names of the errors in its `cause` chain, outermost first (the SDK's exception under ours). */
  readonly causes: readonly string[];
}

export interface RecordOutcome {
  readonly status: RecordOutcomeStatus;
  readonly consumerGroup: string;
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
  readonly reason?: DlqReason;
  readonly error?: OutcomeError;
  /** Where the DLQ record was written, for `dead-lettered`. */
  readonly dlq?: DlqPosition;
}

/**
 * Each record's outcome, published on a diagnostics channel: tools (`eventline invoke`) subscribe
 * to learn what happened without parsing logs; with no subscriber nothing is built or sent.
 */
export const recordOutcomeChannel = channel('eventline:consumer:record-outcome');

/** Publishes an outcome when someone listens; `details` is only called then. */
export function reportOutcome(
  record: KafkaRecord,
  consumerGroup: string,
  status: RecordOutcomeStatus,
  details?: () => Pick<RecordOutcome, 'reason' | 'error' | 'dlq'>,
): void {
  if (!recordOutcomeChannel.hasSubscribers) return;
  recordOutcomeChannel.publish({
    status,
    consumerGroup,
    topic: record.topic,
    partition: record.partition,
    offset: record.offset,
    ...details?.(),
  } satisfies RecordOutcome);
}

/** The error's name, message and cause chain as plain data. */
export function outcomeError(error: unknown): OutcomeError {
  const e = error instanceof Error ? error : new Error(String(error));
  const causes: string[] = [];
  let cause = e.cause;
  // Bounded: a cause chain that loops must not hang the consumer.
  for (let depth = 0; cause instanceof Error && depth < 8; depth++) {
    causes.push(cause.name);
    cause = cause.cause;
  }
  return { name: e.name, message: e.message, causes };
}
