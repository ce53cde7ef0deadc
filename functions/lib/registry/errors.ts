/**
 * Errors of the registry clients. `retryable` is data: an unreachable or throttled registry
 * heals by retrying (batch failure), a missing or refused schema does not (DLQ, CLI message).
 */
export interface RegistryErrorContext {
  /** HTTP status, when the registry answered over HTTP. */
  readonly status?: number;
  /** Confluent `error_code` (40401, 42201, 409, ...) or the AWS error name. */
  readonly errorCode?: number | string;
  /** `METHOD url` of the Confluent request, or the Glue operation. */
  readonly url?: string;
  readonly cause?: unknown;
}

export class RegistryError extends Error {
  readonly retryable: boolean = false;
  readonly status?: number;
  readonly errorCode?: number | string;
  readonly url?: string;

  constructor(message: string, context: RegistryErrorContext = {}) {
    super(message, context.cause === undefined ? undefined : { cause: context.cause });
    this.name = new.target.name;
    if (context.status !== undefined) this.status = context.status;
    if (context.errorCode !== undefined) this.errorCode = context.errorCode;
    if (context.url !== undefined) this.url = context.url;
  }
}

/** Connection refused, reset, timed out, or the registry answered 5xx. */
export class RegistryUnreachableError extends RegistryError {
  override readonly retryable = true;
}

/** The registry asked us to slow down (429, ThrottlingException) and retries did not get through. */
export class RegistryThrottledError extends RegistryError {
  override readonly retryable = true;
}

/** Glue kept a schema version PENDING longer than the client waits. */
export class RegistryTimeoutError extends RegistryError {
  override readonly retryable = true;
}

/** No such schema id, version, or definition under the subject. */
export class SchemaNotFoundError extends RegistryError {}

/** No such subject / Glue schema (so no schema under it either). */
export class SubjectNotFoundError extends SchemaNotFoundError {}

/** The registry (or our parser) refuses the schema text itself. */
export class InvalidSchemaError extends RegistryError {}

/** The schema breaks the subject's compatibility rule; `messages` say which field breaks which rule. */
export class IncompatibleSchemaError extends RegistryError {
  readonly messages: readonly string[];

  constructor(message: string, messages: readonly string[] = [], context: RegistryErrorContext = {}) {
    super(messages.length > 0 ? `${message}: ${messages.join('; ')}` : message, context);
    this.messages = messages;
  }
}

/** A request the registry rejects for another reason (auth, bad argument, unsupported operation). */
export class RegistryRequestError extends RegistryError {}

/** The registry's credentials secret is missing fields or is not JSON. */
export class RegistryCredentialsError extends RegistryError {}

/** The DEK registry has no such KEK or DEK (Confluent 40470), or it is soft-deleted. */
export class KeyNotFoundError extends RegistryError {}

/** The KEK or DEK exists with other settings (Confluent 40971): read it instead of creating it. */
export class KeyExistsError extends RegistryError {}
