import { isAwsError } from '../errors/index.js';
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

const throttling = ['ThrottlingException', 'Throttling', 'TooManyRequestsException', 'RequestLimitExceeded'];
/** Glue-side failures that a later attempt can get past. */
const transient = [
  'InternalServiceException',
  'OperationTimeoutException',
  'ConcurrentModificationException',
  'ServiceUnavailable',
  'TimeoutError',
];

/** What a failed call means for this operation: which error a Glue "not found" becomes. */
export interface GlueFailureContext {
  readonly operation: string;
  readonly notFound?: (message: string, context: RegistryErrorContext) => RegistryError;
}

/** For calls where Glue's "not found" means the subject (the Glue schema) does not exist. */
export const subjectNotFound = (message: string, context: RegistryErrorContext): RegistryError =>
  new SubjectNotFoundError(message, context);

/**
 * Translates an error from a Glue call into a registry error. An error without the SDK's
 * `$metadata` never reached Glue (a socket or timeout failure): the registry is unreachable.
 */
export function translateGlueError(error: unknown, failure: GlueFailureContext): RegistryError {
  const e = error as Error & { code?: string };
  const status = isAwsError(error) ? error.$metadata.httpStatusCode : undefined;
  const name = e.name ?? 'Error';
  const context: RegistryErrorContext = {
    url: `glue:${failure.operation}`,
    errorCode: e.code ?? name,
    ...(status === undefined ? {} : { status }),
    cause: error,
  };
  const message = `Glue ${failure.operation} failed: ${name}: ${e.message}`;
  if (isAwsError(error, ...throttling) || status === 429) return new RegistryThrottledError(message, context);
  if (isAwsError(error, 'EntityNotFoundException')) {
    return (failure.notFound ?? ((text, ctx) => new SchemaNotFoundError(text, ctx)))(message, context);
  }
  if (isAwsError(error, 'InvalidInputException') && /definition|schema/i.test(e.message)) {
    return new InvalidSchemaError(message, context);
  }
  if (isAwsError(error, ...transient) || status === undefined || status >= 500) {
    return new RegistryUnreachableError(message, context);
  }
  return new RegistryRequestError(message, context);
}
