import { EventlineError } from '../../functions/lib/errors/index.js';

/** A `cdk.json` environment entry that cannot be deployed as written. */
export class EnvironmentConfigError extends EventlineError {}
