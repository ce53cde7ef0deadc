import { type DlqReason, DlqReasons } from '../dlq/headers.js';

/** What to do with a record that failed: stop the partition and retry, or dead-letter it and go on. */
export type Routing = { readonly action: 'retry' } | { readonly action: 'dlq'; readonly reason: DlqReason };

/** Where the failure happened: decoding bytes, or the idempotency claim and the team's handler. */
export type FailureStage = 'decode' | 'handle';

/**
 * Routes by the error's `retryable` flag (STYLE.md: retryability is data). An error without the
 * flag is judged by its stage: bytes that failed to decode will fail again (DLQ), while an
 * unexpected handler error may be a passing outage (retry; the event source mapping's retry
 * limit and on-failure destination bound it).
 */
export function routeFailure(error: unknown, stage: FailureStage): Routing {
  const flag = retryableFlag(error);
  const retryable = flag ?? stage === 'handle';
  if (retryable) return { action: 'retry' };
  return { action: 'dlq', reason: reasonOf(error, stage) };
}

function retryableFlag(error: unknown): boolean | undefined {
  if (typeof error !== 'object' || error === null || !('retryable' in error)) return undefined;
  return typeof error.retryable === 'boolean' ? error.retryable : undefined;
}

function reasonOf(error: unknown, stage: FailureStage): DlqReason {
  if (typeof error === 'object' && error !== null && 'dlqReason' in error) {
    const declared = (error as { dlqReason: unknown }).dlqReason;
    if (typeof declared === 'string' && (Object.values(DlqReasons) as string[]).includes(declared)) {
      return declared as DlqReason;
    }
  }
  // Errors come from the serde, the registry clients and the idempotency store; their class names
  // are the contract here, so the consumer does not import every module's error hierarchy.
  const name = error instanceof Error ? error.name : '';
  if (/Validation|PayloadMismatch/.test(name)) return DlqReasons.validation;
  if (stage === 'decode')
    return /NotFound/.test(name) ? DlqReasons.schemaNotFound : DlqReasons.deserialization;
  return DlqReasons.handlerRejected;
}
