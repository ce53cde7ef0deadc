import { EventlineError } from '../errors/index.js';

/**
 * Errors of the DLQ module. A DLQ produce that fails is retryable: the invocation fails so
 * Lambda delivers the batch again, and the record is never dropped.
 */
export class DlqError extends EventlineError {}

/** The DLQ topic did not accept the record. */
export class DlqProduceError extends DlqError {
  constructor(
    readonly topic: string,
    options?: { cause?: unknown },
  ) {
    super(`could not produce to DLQ topic ${topic}`, { ...options, retryable: true });
  }
}

/** A record read back from a DLQ topic lacks the headers docs/architecture.md §2 requires. */
export class NotADlqRecordError extends DlqError {
  constructor(readonly missingHeader: string) {
    super(`record has no ${missingHeader} header: not a DLQ record`);
  }
}
