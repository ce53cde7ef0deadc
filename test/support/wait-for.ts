import { setTimeout as sleep } from 'node:timers/promises';
import { WaitTimeoutError } from './errors.js';

export interface WaitForOptions {
  /** What the test waits for, as the timeout error should name it ("the DLQ record"). */
  readonly what: string;
  /** @default 30_000 */
  readonly timeoutMs?: number;
  /** Pause between two checks. @default 50 */
  readonly intervalMs?: number;
}

/**
 * Resolves once `predicate` holds, checking it every `intervalMs`; throws a WaitTimeoutError
 * naming `what` once `timeoutMs` has passed. For conditions that only show by looking (an
 * external system's state, a callback's effect); an error thrown by `predicate` ends the wait.
 *
 * @example
 * await waitFor(() => dead.length === 1, { what: 'the DLQ record' });
 */
export async function waitFor(
  predicate: () => boolean | Promise<boolean>,
  options: WaitForOptions,
): Promise<void> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const intervalMs = options.intervalMs ?? 50;
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    const left = deadline - Date.now();
    if (left <= 0) throw new WaitTimeoutError(options.what, timeoutMs);
    await sleep(Math.min(intervalMs, left));
  }
}

/**
 * Resolves or rejects as `event` does, or throws a WaitTimeoutError naming `what` once
 * `timeoutMs` has passed first: a deadline for waits on a callback (a consumer's message).
 */
export async function withDeadline<T>(
  event: Promise<T>,
  options: Omit<WaitForOptions, 'intervalMs'>,
): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const abandon = new AbortController();
  const deadline = sleep(timeoutMs, undefined, { signal: abandon.signal }).then(() => {
    throw new WaitTimeoutError(options.what, timeoutMs);
  });
  try {
    return await Promise.race([event, deadline]);
  } finally {
    // Stop the timer, so a settled wait neither keeps the process alive nor rejects unheard.
    abandon.abort();
    deadline.catch(() => undefined);
  }
}
