import { EventlineError } from '../errors/index.js';

/** Base of every outbox error; `retryable` tells the caller whether trying again can help. */
export class OutboxError extends EventlineError {}

export const OutboxLimits = {
  /** Items per TransactWriteItems. */
  maxTransactionItems: 100,
  /** Aggregate size of the items of one transaction. */
  maxTransactionBytes: 4 * 1024 * 1024,
  /** Size of one item, attribute names included. */
  maxItemBytes: 400 * 1024,
} as const;

export type OutboxLimit = keyof typeof OutboxLimits;

/** The transaction would break a DynamoDB limit; split the write or shrink the payload. */
export class OutboxLimitError extends OutboxError {
  constructor(
    readonly limit: OutboxLimit,
    readonly actual: number,
    message: string,
  ) {
    super(`${message} (${actual} > ${OutboxLimits[limit]} allowed)`);
  }
}

/** The payload does not match the event's schema; nothing was written. */
export class OutboxValidationError extends OutboxError {
  constructor(
    readonly eventType: string,
    readonly index: number,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`event #${index} (${eventType}) does not match its schema: ${reason}`, {
      ...options,
      dlqReason: 'validation',
    });
  }
}

/** The event itself is malformed (unknown type, wrong aggregate type, reserved header). */
export class OutboxEventError extends OutboxError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** One entry of TransactionCanceledException.CancellationReasons, tied to what we sent. */
export interface CancellationReason {
  /** Position in the TransactItems of the request. */
  readonly index: number;
  /** `domain` for the caller's own write, `outbox` for an event item. */
  readonly kind: 'domain' | 'outbox';
  /** Table and operation of the write (e.g. `Put orders`). */
  readonly target: string;
  /** The event id, for outbox items. */
  readonly eventId?: string;
  /** DynamoDB's code: ConditionalCheckFailed, TransactionConflict, ThrottlingError, ... */
  readonly code: string;
  readonly message?: string;
}

/**
 * DynamoDB cancelled the transaction: no item was written. `reasons` lists only the
 * items that caused it, each explained; retryable when every cause is transient.
 */
export class OutboxTransactionCanceledError extends OutboxError {
  constructor(
    readonly reasons: readonly CancellationReason[],
    options: { cause: unknown; retryable: boolean },
  ) {
    super(`transaction cancelled, nothing written: ${reasons.map(describe).join('; ')}`, options);
  }
}

function describe(reason: CancellationReason): string {
  const what = reason.eventId ? `${reason.target} event ${reason.eventId}` : reason.target;
  const why = reason.message ? `${reason.code} (${reason.message})` : reason.code;
  return `item ${reason.index} [${reason.kind}: ${what}]: ${why}`;
}

/** A payload's tagged fields could not be encrypted; nothing was written. */
export class OutboxEncryptionError extends OutboxError {
  constructor(
    eventType: string,
    index: number,
    message: string,
    options: { cause: unknown; retryable: boolean },
  ) {
    super(`event #${index} (${eventType}): cannot encrypt its tagged fields: ${message}`, options);
  }
}
