import { EventlineError } from '../functions/lib/errors/index.js';

/** Confluent Schema Registry `error_code` values this service answers with. */
export const ErrorCodes = {
  badRequest: 400,
  unauthorized: 401,
  forbidden: 40301,
  notFound: 404,
  subjectNotFound: 40401,
  versionNotFound: 40402,
  schemaNotFound: 40403,
  subjectSoftDeleted: 40404,
  subjectNotSoftDeleted: 40405,
  versionSoftDeleted: 40406,
  versionNotSoftDeleted: 40407,
  subjectConfigNotFound: 40408,
  subjectModeNotFound: 40409,
  keyNotFound: 40470,
  keyNotSoftDeleted: 40471,
  keySoftDeleted: 40472,
  methodNotAllowed: 405,
  notAcceptable: 406,
  unsupportedMediaType: 415,
  incompatible: 409,
  keyExists: 40971,
  invalidSchema: 42201,
  invalidVersion: 42202,
  invalidCompatibility: 42203,
  invalidMode: 42204,
  operationNotPermitted: 42205,
  referenceExists: 42206,
  invalidSubject: 42208,
  invalidRuleSet: 42210,
  invalidKey: 42271,
  keyReferenceExists: 42272,
  storeError: 50001,
  timeout: 50002,
  forwardingError: 50003,
} as const;

export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];

/** Base error of the registry service: carries the HTTP status and Confluent error code it answers with. */
export class RegistryServiceError extends EventlineError {
  constructor(
    readonly status: number,
    readonly errorCode: ErrorCode,
    message: string,
    options?: { cause?: unknown; retryable?: boolean },
  ) {
    super(message, { ...options, retryable: options?.retryable ?? status >= 500 });
  }
}

/** Glue or DynamoDB failed or answered something unexpected. */
export class StoreError extends RegistryServiceError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(500, ErrorCodes.storeError, message, options);
  }
}

/** Glue kept a schema version PENDING for longer than the service waits. */
export class StoreTimeoutError extends RegistryServiceError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(500, ErrorCodes.timeout, message, options);
  }
}

/** Request problems, each mapped to Confluent's status and code. */
export const fail = {
  badRequest: (message: string) => new RegistryServiceError(400, ErrorCodes.badRequest, message),
  unsupportedMediaType: () =>
    new RegistryServiceError(415, ErrorCodes.unsupportedMediaType, 'HTTP 415 Unsupported Media Type'),
  notAcceptable: () => new RegistryServiceError(406, ErrorCodes.notAcceptable, 'HTTP 406 Not Acceptable'),
  subjectNotFound: (subject: string) =>
    new RegistryServiceError(404, ErrorCodes.subjectNotFound, `Subject '${subject}' not found.`),
  versionNotFound: (subject: string, version: number | string) =>
    new RegistryServiceError(
      404,
      ErrorCodes.versionNotFound,
      `Version ${version} not found for subject '${subject}'.`,
    ),
  schemaNotFound: (detail = 'Schema not found') =>
    new RegistryServiceError(404, ErrorCodes.schemaNotFound, detail),
  subjectSoftDeleted: (subject: string) =>
    new RegistryServiceError(
      404,
      ErrorCodes.subjectSoftDeleted,
      `Subject '${subject}' was soft deleted. Set permanent=true to delete permanently`,
    ),
  subjectNotSoftDeleted: (subject: string) =>
    new RegistryServiceError(
      404,
      ErrorCodes.subjectNotSoftDeleted,
      `Subject '${subject}' was not deleted first before being permanently deleted`,
    ),
  versionSoftDeleted: (subject: string, version: number) =>
    new RegistryServiceError(
      404,
      ErrorCodes.versionSoftDeleted,
      `Subject '${subject}' Version ${version} was soft deleted. Set permanent=true to delete permanently`,
    ),
  versionNotSoftDeleted: (subject: string, version: number) =>
    new RegistryServiceError(
      404,
      ErrorCodes.versionNotSoftDeleted,
      `Subject '${subject}' Version ${version} was not deleted first before being permanently deleted`,
    ),
  subjectConfigNotFound: (subject: string) =>
    new RegistryServiceError(
      404,
      ErrorCodes.subjectConfigNotFound,
      `Subject '${subject}' does not have subject-level compatibility configured`,
    ),
  subjectModeNotFound: (subject: string) =>
    new RegistryServiceError(
      404,
      ErrorCodes.subjectModeNotFound,
      `Subject '${subject}' does not have subject-level mode configured`,
    ),
  incompatible: (messages: readonly string[]) =>
    new RegistryServiceError(
      409,
      ErrorCodes.incompatible,
      `Schema being registered is incompatible with an earlier schema for subject: ${messages.join('; ')}`,
    ),
  invalidSchema: (detail: string) =>
    new RegistryServiceError(422, ErrorCodes.invalidSchema, `Invalid schema: ${detail}`),
  invalidVersion: (version: string) =>
    new RegistryServiceError(
      422,
      ErrorCodes.invalidVersion,
      `The specified version '${version}' is not a valid version id. Allowed values are between [1, 2^31-1] and the string "latest"`,
    ),
  invalidCompatibility: (level: unknown) =>
    new RegistryServiceError(
      422,
      ErrorCodes.invalidCompatibility,
      `Invalid compatibility level. Valid values are none, backward, forward, full, backward_transitive, forward_transitive, and full_transitive (got ${JSON.stringify(level)})`,
    ),
  invalidMode: (mode: unknown) =>
    new RegistryServiceError(
      422,
      ErrorCodes.invalidMode,
      `Invalid mode. Valid values are READWRITE, READONLY, READONLY_OVERRIDE and IMPORT (got ${JSON.stringify(mode)})`,
    ),
  notImportMode: (subject: string) =>
    new RegistryServiceError(
      422,
      ErrorCodes.operationNotPermitted,
      `Subject ${subject} is not in import mode; a schema with an explicit id can only be registered in IMPORT mode`,
    ),
  notReadWriteMode: (subject: string) =>
    new RegistryServiceError(
      422,
      ErrorCodes.operationNotPermitted,
      `Subject ${subject} is not in read-write mode; in IMPORT mode give the schema's id (and version)`,
    ),
  importNotEmpty: () =>
    new RegistryServiceError(
      422,
      ErrorCodes.operationNotPermitted,
      'Cannot import since found existing subjects; delete them first or set the mode with ?force=true',
    ),
  idTaken: (id: number) =>
    new RegistryServiceError(
      422,
      ErrorCodes.operationNotPermitted,
      `Overwrite new schema with id ${id} is not permitted: the id already stands for another schema`,
    ),
  versionTaken: (subject: string, version: number, id: number | undefined) =>
    new RegistryServiceError(
      422,
      ErrorCodes.operationNotPermitted,
      `Version ${version} of subject ${subject} already holds schema id ${id ?? '(unknown)'}; a version is never overwritten: delete it permanently first`,
    ),
  versionContended: (subject: string) =>
    new RegistryServiceError(
      500,
      ErrorCodes.storeError,
      `Subject '${subject}': other registrations kept taking the next version number; retry the request`,
      { retryable: true },
    ),
  readOnly: (subject?: string) =>
    new RegistryServiceError(
      422,
      ErrorCodes.operationNotPermitted,
      subject === undefined
        ? 'The registry is in read-only mode'
        : `Subject '${subject}' is in read-only mode`,
    ),
  referenceExists: (subject: string, version: number) =>
    new RegistryServiceError(
      422,
      ErrorCodes.referenceExists,
      `One or more references exist to the schema {subject=${subject}, version=${version}}`,
    ),
  invalidRuleSet: (detail: string) =>
    new RegistryServiceError(422, ErrorCodes.invalidRuleSet, `Invalid rule set: ${detail}`),
  // The DEK registry's errors, with Confluent's statuses (DekRegistryErrors): 40471 and 40472 are 404s there too.
  keyNotFound: (name: string) =>
    new RegistryServiceError(404, ErrorCodes.keyNotFound, `Key '${name}' not found`),
  keyNotSoftDeleted: (name: string) =>
    new RegistryServiceError(
      404,
      ErrorCodes.keyNotSoftDeleted,
      `Key '${name}' was not deleted first before being permanently deleted`,
    ),
  keySoftDeleted: (name: string) =>
    new RegistryServiceError(404, ErrorCodes.keySoftDeleted, `Key '${name}' must be undeleted first`),
  keyExists: (name: string) =>
    new RegistryServiceError(
      409,
      ErrorCodes.keyExists,
      `Key '${name}' already exists; use a different value`,
    ),
  invalidKey: (field: string, why?: string) =>
    new RegistryServiceError(
      422,
      ErrorCodes.invalidKey,
      `Invalid or missing value for field '${field}' of key${why === undefined ? '' : `: ${why}`}`,
    ),
  keyReferenceExists: (name: string) =>
    new RegistryServiceError(
      422,
      ErrorCodes.keyReferenceExists,
      `One or more references exist to the key '${name}'`,
    ),
  // Confluent's authorizer: HTTP 403, code 40301, "User is denied operation Write on Subject: orders-value".
  forbidden: (operation: string, resource: string) =>
    new RegistryServiceError(
      403,
      ErrorCodes.forbidden,
      `User is denied operation ${operation} on ${resource}`,
    ),
  invalidSubject: (subject: string, reason: string) =>
    new RegistryServiceError(422, ErrorCodes.invalidSubject, `Invalid subject '${subject}': ${reason}`),
} as const;
