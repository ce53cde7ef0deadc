import { EventlineError } from '../../functions/lib/errors/index.js';

/** A deployed stack could not be read: not found, no access, or an output the commands need is missing. */
export class DeployedStackError extends EventlineError {}
