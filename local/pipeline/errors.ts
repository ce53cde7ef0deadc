/** The local pipeline could not start or finish; the message says what to do. */
export class PipelineError extends Error {
  readonly retryable: boolean;
  constructor(message: string, options?: { cause?: unknown; retryable?: boolean }) {
    super(message, { cause: options?.cause });
    this.name = 'PipelineError';
    this.retryable = options?.retryable ?? false;
  }
}
