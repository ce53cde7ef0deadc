/** A test waited for something that did not happen before its deadline. */
export class WaitTimeoutError extends Error {
  constructor(
    readonly what: string,
    readonly timeoutMs: number,
  ) {
    super(`timed out after ${timeoutMs} ms waiting for ${what}`);
    this.name = new.target.name;
  }
}
