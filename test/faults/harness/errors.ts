/** The fault suite cannot run as set up; the message says what to change. */
export class FaultsHarnessError extends Error {
  readonly retryable = false;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}
