import { EventlineError } from '../errors/index.js';

/** The schema manifest is missing, malformed, or does not know what was asked. */
export class ManifestError extends EventlineError {}

export class UnknownEventTypeError extends ManifestError {
  constructor(
    readonly eventType: string,
    known: readonly string[],
  ) {
    super(`event type "${eventType}" is not in the schema manifest; known: ${known.join(', ')}`);
  }
}

/** No schema is known for the topic: a record for it is dead-lettered as `schema-not-found`. */
export class UnknownTopicError extends ManifestError {
  constructor(
    readonly topic: string,
    known: readonly string[],
  ) {
    super(`topic "${topic}" is not in the schema manifest; known: ${known.join(', ')}`, {
      dlqReason: 'schema-not-found',
    });
  }
}

/** The manifest breaks its schema or its own rules; each problem says what to change. */
export class InvalidManifestError extends ManifestError {
  constructor(
    readonly file: string,
    readonly problems: readonly string[],
  ) {
    super(`${file} is invalid: ${problems.join('; ')}`);
  }
}
