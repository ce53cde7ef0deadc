import { EventlineError } from '../../functions/lib/errors/index.js';

/** `eventline trace` could not follow an event; the message says where it looked. */
export class TraceError extends EventlineError {}

/** Neither the outbox table nor the spans know the event id. */
export class EventNotFoundError extends TraceError {
  constructor(
    readonly eventId: string,
    where: string,
    hint: string,
  ) {
    super(`event ${eventId} not found in ${where}; ${hint}`);
  }
}

/**
 * The table has no such index (opted out, or deployed before it), or DynamoDB is still building
 * it: the lookup scans the table instead.
 */
export class MissingIndexError extends TraceError {
  constructor(
    readonly table: string,
    readonly index: string,
    options?: { cause?: unknown },
  ) {
    super(`table ${table} has no readable index ${index}`, options);
  }
}
