/** `eventline trace` could not follow an event; the message says where it looked. */
export class TraceError extends Error {
  readonly retryable: boolean;
  constructor(message: string, options?: { cause?: unknown; retryable?: boolean }) {
    super(message, { cause: options?.cause });
    this.name = 'TraceError';
    this.retryable = options?.retryable ?? false;
  }
}

/** Neither the outbox table, the span file nor the topics know the event id. */
export class EventNotFoundError extends TraceError {
  constructor(
    readonly eventId: string,
    where: string,
  ) {
    super(`event ${eventId} not found in ${where}; check --prefix, and that the pipeline ran with it`);
    this.name = 'EventNotFoundError';
  }
}
