import { EnvelopeError } from '../lib/envelope/index.js';
import { OutboxError } from '../lib/outbox/index.js';
import { MessageTooLargeError } from './errors.js';

/** Why a record could never be relayed: the `reason` of a failure-destination message. */
export const RelayFailureReasons = {
  /** The topic's schema is not in the registry (deleted, never registered) or not in the manifest. */
  schemaNotFound: 'schema-not-found',
  /** Encoded record larger than the broker accepts (message.max.bytes). */
  messageTooLarge: 'message-too-large',
  /** The payload no longer matches the registered schema. */
  validation: 'validation',
  /** Not an outbox item (missing fields, bad envelope values). */
  invalidRecord: 'invalid-record',
  /** Any other error the serde marks as not retryable. */
  encoding: 'encoding',
} as const;

export type RelayFailureReason = (typeof RelayFailureReasons)[keyof typeof RelayFailureReasons];

/**
 * Maps a non-retryable error to a reason by the `dlqReason` it carries (the same property a
 * consumer routes by), never by its class name; the outbox record's own faults (envelope, outbox
 * fields, size) are the relay's input, so it knows their types.
 */
export function reasonFor(error: unknown): RelayFailureReason {
  const declared = (error as { dlqReason?: unknown } | null | undefined)?.dlqReason;
  if (declared === 'schema-not-found') return RelayFailureReasons.schemaNotFound;
  if (error instanceof MessageTooLargeError) return RelayFailureReasons.messageTooLarge;
  if (declared === 'validation') return RelayFailureReasons.validation;
  if (error instanceof EnvelopeError || error instanceof OutboxError)
    return RelayFailureReasons.invalidRecord;
  return RelayFailureReasons.encoding;
}
