import type { InvocationResult } from './invoke.js';
import type { ResolvedRetryPolicy } from './retry-policy.js';

/** Why records left the trigger without a successful invocation (Lambda's invocation-record `condition`). */
export const DiscardConditions = {
  retriesExhausted: 'RetryAttemptsExhausted',
  recordAgeExceeded: 'RecordAgeExceeded',
} as const;
export type DiscardCondition = (typeof DiscardConditions)[keyof typeof DiscardConditions];

export interface Discarded<R> {
  readonly records: readonly R[];
  readonly condition: DiscardCondition;
  /** Invocations made with (part of) these records. */
  readonly attempts: number;
  readonly lastError?: Error;
}

export interface BatchHooks<R> {
  invoke(records: readonly R[]): Promise<InvocationResult>;
  /**
   * Index of the first record to retry, from a partial batch response; undefined when the
   * response reports no failure; throws InvalidBatchResponseError for a malformed one.
   */
  firstFailedIndex(records: readonly R[], response: unknown): number | undefined;
  /** Age of a record now, in ms (for MaximumRecordAge). */
  ageMs(record: R): number;
  /** Sends records to the on-failure destination; the batch moves on only once it resolves. */
  discard(discarded: Discarded<R>): Promise<void>;
  /** These records (the next ones in stream order) are done: the trigger may checkpoint or commit past them. */
  checkpoint(records: readonly R[]): Promise<void>;
  /** False once the trigger is stopping: retries stop and nothing further is checkpointed. */
  running(): boolean;
  sleep(ms: number): Promise<void>;
}

interface Segment<R> {
  readonly records: readonly R[];
  readonly attempts: number;
}

/**
 * Runs one batch to completion the way a stream event source mapping does: a successful
 * invocation checkpoints the whole batch; a partial batch response checkpoints before the
 * lowest failed record and retries from there; a function error retries the batch (split in
 * two first when bisect is on; splitting does not use up a retry); records past the retry or
 * age bound go to the on-failure destination and the stream moves on. Records stay in order.
 *
 * Returns false when the trigger stopped before the batch finished (nothing past the last
 * checkpoint is considered processed).
 */
export async function runBatch<R>(
  batch: readonly R[],
  policy: ResolvedRetryPolicy,
  hooks: BatchHooks<R>,
): Promise<boolean> {
  const queue: Segment<R>[] = [{ records: batch, attempts: 0 }];
  while (queue.length > 0) {
    if (!hooks.running()) return false;
    const segment = queue.shift() as Segment<R>;
    const live = await dropExpired(segment, policy, hooks);
    if (live.length === 0) continue;

    const result = await hooks.invoke(live);
    const attempts = segment.attempts + 1;
    let failedAt: number | undefined;
    let error: Error | undefined;
    if (result.ok) {
      try {
        failedAt = policy.reportBatchItemFailures ? hooks.firstFailedIndex(live, result.response) : undefined;
      } catch (invalid) {
        error = invalid as Error;
      }
      if (failedAt === undefined && error === undefined) {
        await hooks.checkpoint(live);
        continue;
      }
    } else {
      error = result.error;
    }

    if (failedAt !== undefined) {
      // Partial success: everything before the lowest failed record is done for good.
      if (failedAt > 0) await hooks.checkpoint(live.slice(0, failedAt));
      const rest = live.slice(failedAt);
      if (exhausted(attempts, policy)) {
        await hooks.discard({ records: rest, condition: DiscardConditions.retriesExhausted, attempts });
        await hooks.checkpoint(rest);
        continue;
      }
      await hooks.sleep(policy.retryDelayMs);
      queue.unshift({ records: rest, attempts });
      continue;
    }

    if (policy.bisectBatchOnFunctionError && live.length > 1) {
      const half = Math.ceil(live.length / 2);
      queue.unshift(
        { records: live.slice(0, half), attempts: segment.attempts },
        {
          records: live.slice(half),
          attempts: segment.attempts,
        },
      );
      continue;
    }
    if (exhausted(attempts, policy)) {
      await hooks.discard({
        records: live,
        condition: DiscardConditions.retriesExhausted,
        attempts,
        ...(error ? { lastError: error } : {}),
      });
      await hooks.checkpoint(live);
      continue;
    }
    await hooks.sleep(policy.retryDelayMs);
    queue.unshift({ records: live, attempts });
  }
  return true;
}

function exhausted(attempts: number, policy: ResolvedRetryPolicy): boolean {
  return policy.maximumRetryAttempts >= 0 && attempts > policy.maximumRetryAttempts;
}

/** Records are in stream order, so the expired ones are a prefix of the segment. */
async function dropExpired<R>(
  segment: Segment<R>,
  policy: ResolvedRetryPolicy,
  hooks: BatchHooks<R>,
): Promise<readonly R[]> {
  if (policy.maximumRecordAgeMs < 0) return segment.records;
  let firstLive = 0;
  while (
    firstLive < segment.records.length &&
    hooks.ageMs(segment.records[firstLive] as R) > policy.maximumRecordAgeMs
  ) {
    firstLive++;
  }
  if (firstLive === 0) return segment.records;
  const expired = segment.records.slice(0, firstLive);
  await hooks.discard({
    records: expired,
    condition: DiscardConditions.recordAgeExceeded,
    attempts: segment.attempts,
  });
  await hooks.checkpoint(expired);
  return segment.records.slice(firstLive);
}
