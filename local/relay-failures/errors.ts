import { EventlineError } from '../../functions/lib/errors/index.js';

/** `eventline relay-failures` could not read or redrive the relay's failure queue. */
export class RelayFailuresError extends EventlineError {}
