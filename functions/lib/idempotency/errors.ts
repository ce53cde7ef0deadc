/** Errors of the idempotency store; `retryable` tells the consumer whether to retry or DLQ. */
export class IdempotencyError extends Error {
  readonly retryable: boolean = true;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'IdempotencyError';
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
    this.name = 'ClaimInProgressError';
  }
}

/** The same event id arrived with a different payload: a producer bug that retrying cannot heal. */
export class PayloadMismatchError extends IdempotencyError {
  override readonly retryable = false;
  constructor(readonly idempotencyKey: string) {
    super(`event ${idempotencyKey} was seen before with a different payload`);
    this.name = 'PayloadMismatchError';
  }
}

/** DynamoDB failed (throttled, unreachable): retryable. */
export class IdempotencyStoreError extends IdempotencyError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'IdempotencyStoreError';
  }
}
