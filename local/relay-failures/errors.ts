/** `eventline relay-failures` could not read or redrive the relay's failure queue. */
export class RelayFailuresError extends Error {
  readonly retryable: boolean;
  constructor(message: string, options?: { cause?: unknown; retryable?: boolean }) {
    super(message, { cause: options?.cause });
    this.name = 'RelayFailuresError';
    this.retryable = options?.retryable ?? false;
  }
}
