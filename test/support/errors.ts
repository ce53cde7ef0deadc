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

/** A copy of the app cannot take a consumer the README way: the marked line is gone. */
export class AppCopyError extends EventlineError {}
