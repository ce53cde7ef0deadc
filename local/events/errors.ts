import { EventlineError } from '../../functions/lib/errors/index.js';

/** A test event or sample payload could not be built; the message says what to change. */
export class EventsError extends EventlineError {}

/** A JSON line of a batch input is not JSON; `line` counts from 1. */
export class JsonLineError extends EventsError {
  constructor(
    readonly source: string,
    readonly line: number,
    options: { cause: unknown },
  ) {
    super(`${source} line ${line} is not JSON: ${(options.cause as Error).message}`, options);
  }
}

/** A schema construct the sample builder cannot give a value for; write that payload by hand. */
export class UnsupportedSampleError extends EventsError {
  constructor(what: string, at: string) {
    super(`cannot build a sample for ${what} at ${at || '(root)'}; write this payload by hand`);
  }
}
