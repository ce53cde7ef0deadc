import { EventlineError } from '../lib/errors/index.js';

/** Base of the relay's own errors. */
export class RelayError extends EventlineError {}

/** A handler environment variable is missing or malformed; the function cannot start. */
export class RelayConfigError extends RelayError {
  constructor(message: string) {
    super(message);
  }
}

/**
 * The encoded record exceeds the broker's maximum message size: by our estimate, or (with a
 * `cause`) because the broker refused it alone although the estimate fit the configured limit.
 */
export class MessageTooLargeError extends RelayError {
  constructor(
    readonly size: number,
    readonly max: number,
    options?: { cause: unknown },
  ) {
    super(
      options
        ? `broker refused the record as too large (about ${size} bytes; configured limit ${max}, the topic's is lower)`
        : `encoded record is ${size} bytes, the broker accepts at most ${max}`,
      options,
    );
  }
}

/** Sending a failed record to the failure destination did not work; the record is retried. */
export class FailureDestinationError extends RelayError {
  constructor(message: string, options: { cause: unknown }) {
    super(message, { ...options, retryable: true });
  }
}
