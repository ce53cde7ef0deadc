import { EventlineError } from '../../functions/lib/errors/index.js';

/** Why a smoke test could not pass: a missing output, or a leg that did not arrive in time. */
export class SmokeError extends EventlineError {}
