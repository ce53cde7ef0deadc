import { EventlineError } from '../../functions/lib/errors/index.js';

/** A local stack problem the user can fix; its message is one line that says how. */
export class StackError extends EventlineError {}
