import { EventlineError, type EventlineErrorOptions } from '../errors/index.js';

/** Errors of the idempotency store; `retryable` tells the consumer whether to retry or DLQ. */
export class IdempotencyError extends EventlineError {
  /** Retryable unless `options` say otherwise: most store failures pass. */
  constructor(message: string, options: EventlineErrorOptions = {}) {
    super(message, { ...options, retryable: options?.retryable ?? true });
  }
}

/** Another invocation holds a live claim on this event: retry later, in order. */
export class ClaimInProgressError extends IdempotencyError {
  constructor(
    readonly idempotencyKey: string,
    readonly leaseExpiresAt: number,
  ) {
    super(
      `event ${idempotencyKey} is being processed by another invocation until ${new Date(leaseExpiresAt).toISOString()}`,
    );
  }
}

/**
 * A transaction that carried the claim's completion write was cancelled because the claim is no
 * longer this invocation's: its lease ran out and another invocation took the record over. Nothing
 * of that transaction was written; retrying is safe and either skips the record (the other
 * invocation completed it) or runs it once more under a fresh claim.
 */
export class ClaimTakenOverError extends IdempotencyError {
  constructor(
    readonly idempotencyKey: string,
    options?: { cause?: unknown },
  ) {
    super(
      `the claim on event ${idempotencyKey} was taken over by another invocation; nothing was written`,
      options,
    );
  }
}

/** The same event id arrived with a different payload: a producer bug that retrying cannot heal. */
export class PayloadMismatchError extends IdempotencyError {
  constructor(readonly idempotencyKey: string) {
    super(`event ${idempotencyKey} was seen before with a different payload`, {
      retryable: false,
      dlqReason: 'validation',
    });
  }
}

/** DynamoDB failed (throttled, unreachable): retryable. */
export class IdempotencyStoreError extends IdempotencyError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
