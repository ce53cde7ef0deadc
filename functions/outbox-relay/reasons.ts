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

/** Maps a non-retryable error to a reason, by error name (errors of other modules stay opaque here). */
export function reasonFor(error: unknown): RelayFailureReason {
  const name = error instanceof Error ? error.name : '';
  if (/SchemaNotFound|SubjectNotFound|UnknownTopic|VersionNotFound/i.test(name)) {
    return RelayFailureReasons.schemaNotFound;
  }
  if (/MessageTooLarge/.test(name)) return RelayFailureReasons.messageTooLarge;
  if (/Validation/.test(name)) return RelayFailureReasons.validation;
  if (/Envelope|Outbox/.test(name)) return RelayFailureReasons.invalidRecord;
  return RelayFailureReasons.encoding;
}
