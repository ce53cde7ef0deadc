import { EventlineError } from '../errors/index.js';

/**
 * Errors of the consumer. `retryable` is data: a retryable failure stops its partition and is
 * reported as a batch item failure; a non-retryable one sends the record to `<topic>.dlq`.
 */
export class ConsumerError extends EventlineError {}

/** The invocation payload is not an MSK or self-managed Kafka trigger event; nothing can be routed, so the invocation fails. */
export class MalformedEventError extends ConsumerError {
  constructor(message: string) {
    super(`not a Kafka trigger event: ${message}`);
  }
}

/** Thrown by a record handler to say the record can never succeed: it goes to the DLQ as `handler-rejected`. */
export class RecordRejectedError extends ConsumerError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, { ...options, dlqReason: 'handler-rejected' });
  }
}

/** Thrown by a record handler to ask for a retry: the partition stops here and Lambda redelivers from this record. */
export class RetryRecordError extends ConsumerError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, { ...options, retryable: true });
  }
}

/** A value the event source mapping already deserialized to JSON that is not JSON after all. */
export class UndecodableRecordError extends ConsumerError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, { ...options, dlqReason: 'deserialization' });
  }
}
