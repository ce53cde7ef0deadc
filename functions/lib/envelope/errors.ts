/** A record's envelope headers are missing or malformed. Never heals by retrying. */
export class EnvelopeError extends Error {
  readonly retryable: boolean = false;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'EnvelopeError';
  }
}

export class MissingEnvelopeHeaderError extends EnvelopeError {
  constructor(readonly header: string) {
    super(`envelope header "${header}" is missing`);
    this.name = 'MissingEnvelopeHeaderError';
  }
}

export class InvalidEnvelopeHeaderError extends EnvelopeError {
  constructor(
    readonly header: string,
    readonly value: string,
    reason: string,
  ) {
    super(`envelope header "${header}" is invalid (${reason}): ${JSON.stringify(value)}`);
    this.name = 'InvalidEnvelopeHeaderError';
  }
}
