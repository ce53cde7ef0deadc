/** Base error of the compatibility checker. */
export class CompatError extends Error {
  readonly retryable: boolean = false;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A schema text that is not valid Avro; the checker cannot judge it. */
export class InvalidAvroSchemaError extends CompatError {}
