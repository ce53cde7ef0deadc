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
