import { EventlineError } from '../../functions/lib/errors/index.js';

/** A test waited for something that did not happen before its deadline. */
export class WaitTimeoutError extends EventlineError {
  constructor(
    readonly what: string,
    readonly timeoutMs: number,
  ) {
    super(`timed out after ${timeoutMs} ms waiting for ${what}`);
  }
}
