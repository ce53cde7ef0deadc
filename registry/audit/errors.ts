import { EventlineError } from '../../functions/lib/errors/index.js';

/** An audit line could not be stored; the change it describes has already happened. */
export class AuditWriteError extends EventlineError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, { ...options, retryable: true });
  }
}
