import { EventlineError } from '../../functions/lib/errors/index.js';

/** The local pipeline could not start or finish; the message says what to do. */
export class PipelineError extends EventlineError {}
