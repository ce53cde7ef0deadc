import avro from 'avsc';
import { InvalidAvroSchemaError } from './errors.js';

/** An Avro schema text plus the texts of the schemas it references (named types it uses). */
export interface AvroSource {
  readonly definition: string;
  /** Referenced schema texts, dependencies before dependents. */
  readonly references?: readonly string[];
}

/** Parses Avro schema text (with its references) into an avsc type; InvalidAvroSchemaError if it is not valid Avro. */
export function parseAvroSource(source: AvroSource): avro.Type {
  const registry: Record<string, avro.Type> = {};
  try {
    for (const reference of source.references ?? []) {
      avro.Type.forSchema(JSON.parse(reference) as avro.Schema, { registry });
    }
    return avro.Type.forSchema(JSON.parse(source.definition) as avro.Schema, { registry });
  } catch (error) {
    throw new InvalidAvroSchemaError(`invalid Avro schema: ${(error as Error).message}`, { cause: error });
  }
}
