import { EventlineError } from '../../functions/lib/errors/index.js';

/** The principals document (file, variable or secret) is missing, unreadable or malformed. */
export class PrincipalsConfigError extends EventlineError {}
