import { EventlineError, type EventlineErrorOptions } from '../errors/index.js';

/**
 * Errors of the serde. `retryable` is data: a consumer sends a non-retryable failure to the
 * DLQ at once and reports a retryable one as a batch failure. Registry errors (unreachable,
 * throttled, schema not found) come from the registry client and keep their own flag.
 */
export class SerdeError extends EventlineError {
  /** Bytes or a schema the serde cannot use: dead-lettered as `deserialization` unless `options` say otherwise. */
  constructor(message: string, options: EventlineErrorOptions = {}) {
    super(message, { ...options, dlqReason: options.dlqReason ?? 'deserialization' });
  }
}

/** Bytes that fit no wire format of docs/architecture.md §3. */
export class UnknownWireFormatError extends SerdeError {
  constructor(
    readonly firstBytes: string,
    readonly length: number,
    detail = 'no known magic byte',
  ) {
    super(`cannot decode ${length} bytes starting ${firstBytes || '(empty)'}: ${detail}`);
  }
}

/** A known framing whose header or payload is cut short or corrupt. */
export class MalformedRecordError extends SerdeError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** A value that does not match its schema (encode), or a payload that does not (decode). */
export class SerdeValidationError extends SerdeError {
  constructor(
    message: string,
    readonly errors: readonly string[] = [],
    options?: { cause?: unknown },
  ) {
    super(errors.length ? `${message}: ${errors.join('; ')}` : message, {
      ...options,
      dlqReason: 'validation',
    });
  }
}

/**
 * A JSON integer beyond ±(2^53 − 1): a JavaScript number would hold it rounded, so the decode
 * refuses it rather than hand on a different value.
 */
export class UnsafeIntegerError extends SerdeError {
  constructor(readonly source: string) {
    super(
      `JSON integer ${source} is beyond ±(2^53 - 1) and would be rounded; decode with bigIntegers 'bigint' or 'string' to keep it exact`,
    );
  }
}

/** A schema text the codec cannot parse or use (bad Avro JSON, bad .proto, unknown message). */
export class SchemaDefinitionError extends SerdeError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** The serde was asked for something its configuration cannot do (e.g. no registry, no schema). */
export class SerdeConfigError extends SerdeError {
  constructor(message: string) {
    super(message);
  }
}

/** Hex of the first bytes of a buffer, for error messages. */
export function firstBytesHex(bytes: Uint8Array, count = 8): string {
  const shown = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(count, bytes.length)).toString('hex');
  return bytes.length > count ? `${shown}…` : shown;
}
