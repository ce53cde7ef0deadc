/** The schema manifest is missing, malformed, or does not know what was asked. */
export class ManifestError extends Error {
  readonly retryable = false;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ManifestError';
  }
}

export class UnknownEventTypeError extends ManifestError {
  constructor(
    readonly eventType: string,
    known: readonly string[],
  ) {
    super(`event type "${eventType}" is not in the schema manifest; known: ${known.join(', ')}`);
    this.name = 'UnknownEventTypeError';
  }
}

export class UnknownTopicError extends ManifestError {
  constructor(
    readonly topic: string,
    known: readonly string[],
  ) {
    super(`topic "${topic}" is not in the schema manifest; known: ${known.join(', ')}`);
    this.name = 'UnknownTopicError';
  }
}

/** The manifest breaks its schema or its own rules; each problem says what to change. */
export class InvalidManifestError extends ManifestError {
  constructor(
    readonly file: string,
    readonly problems: readonly string[],
  ) {
    super(`${file} is invalid: ${problems.join('; ')}`);
    this.name = 'InvalidManifestError';
  }
}
