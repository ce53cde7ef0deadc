import { EventlineError } from '../../functions/lib/errors/index.js';

/** The registry image's build context could not be produced; the message says what to fix. */
export class RegistryImageError extends EventlineError {}
