import type { RetryOptions } from './options.js';

const defaults = { retries: 4, baseDelayMs: 100, maxDelayMs: 2000 } as const;

/**
 * Runs `attempt` again while it fails with a retryable error (throttled, unreachable), waiting
 * a random time up to an exponentially growing cap ("full jitter") so that many clients that
 * were throttled together do not come back together. The last error is thrown as it is.
 */
export async function withRetry<T>(attempt: () => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const retries = options.retries ?? defaults.retries;
  const base = options.baseDelayMs ?? defaults.baseDelayMs;
  const cap = options.maxDelayMs ?? defaults.maxDelayMs;
  for (let tried = 0; ; tried += 1) {
    try {
      return await attempt();
    } catch (error) {
      if (tried >= retries || (error as { retryable?: unknown }).retryable !== true) throw error;
      const delay = Math.random() * Math.min(cap, base * 2 ** tried);
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
