import {
  InvalidSchemaError,
  type RegistryError,
  type RegistryErrorContext,
  RegistryRequestError,
  RegistryThrottledError,
  RegistryUnreachableError,
  SchemaNotFoundError,
  SubjectNotFoundError,
} from './errors.js';

const throttling = new Set([
  'ThrottlingException',
  'Throttling',
  'TooManyRequestsException',
  'RequestLimitExceeded',
]);
/** Glue-side failures that a later attempt can get past. */
const transient = new Set([
  'InternalServiceException',
  'OperationTimeoutException',
  'ConcurrentModificationException',
  'ServiceUnavailable',
  'TimeoutError',
]);

/** What a failed call means for this operation: which error a Glue "not found" becomes. */
export interface GlueFailureContext {
  readonly operation: string;
  readonly notFound?: (message: string, context: RegistryErrorContext) => RegistryError;
}

/** For calls where Glue's "not found" means the subject (the Glue schema) does not exist. */
export const subjectNotFound = (message: string, context: RegistryErrorContext): RegistryError =>
  new SubjectNotFoundError(message, context);

/** Translates an AWS SDK error from a Glue call into a registry error (the only place SDK error names are read). */
export function translateGlueError(error: unknown, failure: GlueFailureContext): RegistryError {
  const e = error as Error & { $metadata?: { httpStatusCode?: number }; code?: string };
  const status = e.$metadata?.httpStatusCode;
  const name = e.name ?? 'Error';
  const context: RegistryErrorContext = {
    url: `glue:${failure.operation}`,
    errorCode: e.code ?? name,
    ...(status === undefined ? {} : { status }),
    cause: error,
  };
  const message = `Glue ${failure.operation} failed: ${name}: ${e.message}`;
  if (throttling.has(name) || status === 429) return new RegistryThrottledError(message, context);
  if (name === 'EntityNotFoundException') {
    return (failure.notFound ?? ((text, ctx) => new SchemaNotFoundError(text, ctx)))(message, context);
  }
  if (name === 'InvalidInputException' && /definition|schema/i.test(e.message)) {
    return new InvalidSchemaError(message, context);
  }
  if (transient.has(name) || status === undefined || status >= 500) {
    return new RegistryUnreachableError(message, context);
  }
  return new RegistryRequestError(message, context);
}
