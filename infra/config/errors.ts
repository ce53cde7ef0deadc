/** A `cdk.json` environment entry that cannot be deployed as written. */
export class EnvironmentConfigError extends Error {
  readonly retryable = false;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'EnvironmentConfigError';
  }
}
