import { EventlineError } from '../../functions/lib/errors/index.js';

/** The cloud assembly cannot be synthesized or run locally as it stands; the message says what to change. */
export class AssemblyError extends EventlineError {}

/** A template property or reference the local pipeline does not implement: start-up stops naming it. */
export class UnsupportedTemplateError extends AssemblyError {
  constructor(
    readonly logicalId: string,
    readonly property: string,
    detail: string,
  ) {
    super(`${logicalId}: ${property} ${detail}`);
  }
}
