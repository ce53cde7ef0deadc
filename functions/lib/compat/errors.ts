import { EventlineError } from '../errors/index.js';

/** Base error of the compatibility checker. */
export class CompatError extends EventlineError {}

/** A schema text the checker cannot judge: not valid for its type, or a reference it cannot resolve. */
export class InvalidSchemaError extends CompatError {}

/** A schema text that is not valid Avro. */
export class InvalidAvroSchemaError extends InvalidSchemaError {}
