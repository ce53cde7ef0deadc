/**
 * Errors of the DLQ module. A DLQ produce that fails is retryable: the invocation fails so
 * Lambda delivers the batch again, and the record is never dropped.
 */
export class DlqError extends Error {
  readonly retryable: boolean = true;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DlqError';
  }
}

/** The DLQ topic did not accept the record. */
export class DlqProduceError extends DlqError {
  constructor(
    readonly topic: string,
    options?: { cause?: unknown },
  ) {
    super(`could not produce to DLQ topic ${topic}`, options);
    this.name = 'DlqProduceError';
  }
}

/** A record read back from a DLQ topic lacks the headers docs/architecture.md §2 requires. */
export class NotADlqRecordError extends DlqError {
  override readonly retryable = false;
  constructor(readonly missingHeader: string) {
    super(`record has no ${missingHeader} header: not a DLQ record`);
    this.name = 'NotADlqRecordError';
  }
}
