import type { SchemaType } from '../schema/index.js';
import { jsonCompatibleChanges } from './json-schema/changes.js';
import { diffJsonSchemas } from './json-schema/diff.js';
import { loadJsonSchema } from './json-schema/model.js';
import { parseAvroSource } from './parse.js';
import { protobufCompatibleChanges } from './protobuf/changes.js';
import { diffProtobufSchemas } from './protobuf/diff.js';
import { loadProtobuf } from './protobuf/model.js';
import { readIssues } from './reader-writer.js';

/** A schema referenced by another, under the name the referencing schema uses (import path, `$ref`). */
export interface ReferencedSchema {
  readonly name: string;
  readonly definition: string;
}

/** A schema of any of the three formats, with the schemas it references (dependencies first). */
export interface CompatSchema {
  readonly type: SchemaType;
  readonly definition: string;
  readonly references?: readonly ReferencedSchema[];
}

/** One reason data written with one schema cannot be read with another. */
export interface Incompatibility {
  /** Confluent's difference type for JSON Schema and Protobuf (`TYPE_CHANGED`); Avro names none. */
  readonly rule?: string;
  readonly path: string;
  readonly message?: string;
}

/** Why `reading` cannot read all data written with `written` (both of the same type); empty if it can. */
export function readIncompatibilities(written: CompatSchema, reading: CompatSchema): Incompatibility[] {
  switch (written.type) {
    case 'AVRO': {
      const source = (s: CompatSchema) => ({
        definition: s.definition,
        references: (s.references ?? []).map((r) => r.definition),
      });
      return readIssues(parseAvroSource(source(reading)), parseAvroSource(source(written)));
    }
    case 'JSON':
      return diffJsonSchemas(loadJsonSchema(written), loadJsonSchema(reading))
        .filter((d) => !jsonCompatibleChanges.has(d.type))
        .map((d) => ({ rule: d.type, path: d.path }));
    case 'PROTOBUF':
      return diffProtobufSchemas(loadProtobuf(written), loadProtobuf(reading))
        .filter((d) => !protobufCompatibleChanges.has(d.type))
        .map((d) => ({ rule: d.type, path: d.path }));
  }
}
