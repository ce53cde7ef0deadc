import { type DlqReason, DlqReasons, isDlqReason } from '../dlq/index.js';

/** What to do with a record that failed: stop the partition and retry, or dead-letter it and go on. */
export type Routing = { readonly action: 'retry' } | { readonly action: 'dlq'; readonly reason: DlqReason };

/** Where the failure happened: decoding bytes, or the idempotency claim and the team's handler. */
export type FailureStage = 'decode' | 'handle';

/** Reasons that describe the record's own bytes or schema, which only decoding can find out. */
const decodeReasons: ReadonlySet<DlqReason> = new Set([
  DlqReasons.deserialization,
  DlqReasons.schemaNotFound,
]);

/**
 * Routes by the error's `retryable` and `dlqReason` properties (STYLE.md: retryability is data),
 * never by its class name. An error without the flag is judged by its stage: bytes that failed to
 * decode will fail again (DLQ), while an unexpected handler error may be a passing outage (retry;
 * the event source mapping's retry limit and on-failure destination bound it).
 */
export function routeFailure(error: unknown, stage: FailureStage): Routing {
  const retryable = property(error, 'retryable', (v): v is boolean => typeof v === 'boolean');
  if (retryable ?? stage === 'handle') return { action: 'retry' };
  return { action: 'dlq', reason: reasonOf(error, stage) };
}

function reasonOf(error: unknown, stage: FailureStage): DlqReason {
  const declared = property(
    error,
    'dlqReason',
    (v): v is DlqReason => typeof v === 'string' && isDlqReason(v),
  );
  if (stage === 'decode') return declared ?? DlqReasons.deserialization;
  // The record decoded, so a bytes-or-schema reason from the handler (its own serde call failing)
  // would send whoever triages the DLQ to look at a record that is fine: the handler rejected it.
  return declared !== undefined && !decodeReasons.has(declared) ? declared : DlqReasons.handlerRejected;
}

/** A property of a thrown value, when it has that property with a value of the expected type. */
function property<T>(error: unknown, key: string, is: (value: unknown) => value is T): T | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const value = (error as Record<string, unknown>)[key];
  return is(value) ? value : undefined;
}
