/** `eventline relay-failures` could not read or redrive the relay's failure queue. */
export class RelayFailuresError extends Error {
  readonly retryable: boolean;
  constructor(message: string, options?: { cause?: unknown; retryable?: boolean }) {
    super(message, { cause: options?.cause });
    this.name = 'RelayFailuresError';
    this.retryable = options?.retryable ?? false;
  }
}

/** A queue message is neither a Lambda invocation record nor a relay failure record. */
export class UnknownFailureMessageError extends RelayFailuresError {
  constructor(readonly messageId: string) {
    super(`message ${messageId} is neither a stream batch's invocation record nor a relay failure record`);
    this.name = 'UnknownFailureMessageError';
  }
}
