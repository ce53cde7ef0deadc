/** The cloud assembly cannot be synthesized or run locally as it stands; the message says what to change. */
export class AssemblyError extends Error {
  readonly retryable: boolean;
  constructor(message: string, options?: { cause?: unknown; retryable?: boolean }) {
    super(message, { cause: options?.cause });
    this.name = 'AssemblyError';
    this.retryable = options?.retryable ?? false;
  }
}

/** A template property or reference the local pipeline does not implement: start-up stops naming it. */
export class UnsupportedTemplateError extends AssemblyError {
  constructor(
    readonly logicalId: string,
    readonly property: string,
    detail: string,
  ) {
    super(`${logicalId}: ${property} ${detail}`);
    this.name = 'UnsupportedTemplateError';
  }
}
