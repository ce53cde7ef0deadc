import { protobufStructure as structureOf } from '../../functions/lib/schema/index.js';
import { fail } from '../errors.js';
import type { ResolvedReference } from './request-body.js';

/** The .proto's structure (see the schema vocabulary's `protobufStructure`); a text without one is an invalid schema. */
export function protobufStructure(text: string, references: readonly ResolvedReference[]): string {
  const result = structureOf(text, references);
  if (!result.ok) throw fail.invalidSchema(`invalid Protobuf schema: ${result.reason}`);
  return result.structure;
}
