import { EventlineError } from '../../functions/lib/errors/index.js';

/** A local trigger could not do what Lambda's event source mapping would have done. */
export class TriggerError extends EventlineError {}

/**
 * The handler ran past its timeout. The message is the one Lambda writes, so logs read the
 * same locally; Lambda retries a timed-out stream batch like any other function error.
 */
export class InvocationTimeoutError extends TriggerError {
  constructor(
    readonly functionName: string,
    readonly timeoutMs: number,
  ) {
    super(`Task timed out after ${(timeoutMs / 1000).toFixed(2)} seconds`, { retryable: true });
  }
}

/** The handler's partial batch response names no record of the batch (Lambda: complete failure). */
export class InvalidBatchResponseError extends TriggerError {
  constructor(detail: string) {
    super(`invalid partial batch response: ${detail}`, { retryable: true });
  }
}
