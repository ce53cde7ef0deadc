/** The registry image's build context could not be produced; the message says what to fix. */
export class RegistryImageError extends Error {
  readonly retryable = false;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}
