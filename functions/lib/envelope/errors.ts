import { EventlineError } from '../errors/index.js';

/** A record's envelope headers are missing or malformed. Never heals by retrying. */
export class EnvelopeError extends EventlineError {}

export class MissingEnvelopeHeaderError extends EnvelopeError {
  constructor(readonly header: string) {
    super(`envelope header "${header}" is missing`);
  }
}

export class InvalidEnvelopeHeaderError extends EnvelopeError {
  constructor(
    readonly header: string,
    readonly value: string,
    reason: string,
  ) {
    super(`envelope header "${header}" is invalid (${reason}): ${JSON.stringify(value)}`);
  }
}
