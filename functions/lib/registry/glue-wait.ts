import { RegistryTimeoutError } from './errors.js';
import type { PendingWaitOptions } from './options.js';

/** A Glue schema version and where its compatibility check stands. */
export interface VersionState {
  readonly id: string;
  /** AVAILABLE | PENDING | FAILURE | DELETING */
  readonly status: string;
  readonly version?: number;
}

/**
 * Glue checks compatibility asynchronously: a new version is PENDING until it turns AVAILABLE
 * or FAILURE. Polls with a doubling, capped delay and gives up (retryably) after `timeoutMs`.
 */
export async function waitUntilSettled(
  first: VersionState,
  poll: (id: string) => Promise<VersionState>,
  options: PendingWaitOptions = {},
): Promise<VersionState> {
  const initial = options.initialDelayMs ?? 200;
  const cap = options.maxDelayMs ?? 2000;
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  let current = first;
  for (let attempt = 0; current.status === 'PENDING'; attempt += 1) {
    const delay = Math.min(cap, initial * 2 ** attempt);
    if (Date.now() + delay > deadline) {
      throw new RegistryTimeoutError(
        `Glue schema version ${current.id} still PENDING after ${options.timeoutMs ?? 60_000} ms`,
        { url: 'glue:GetSchemaVersion', errorCode: 'PENDING' },
      );
    }
    await new Promise((resolve) => setTimeout(resolve, delay));
    current = { ...current, ...(await poll(current.id)) };
  }
  return current;
}
