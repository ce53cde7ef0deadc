import protobuf from 'protobufjs';
import { addWellKnownProto } from '../../functions/lib/schema/well-known-protos.js';
import { fail } from '../errors.js';
import type { ResolvedReference } from './request-body.js';

/**
 * Parses a .proto with its references and the well-known imports (google/protobuf/* and
 * confluent/meta.proto, which Confluent resolves without a reference), checks every type resolves,
 * and returns its structure as JSON: whitespace and comments do not appear in it, so it is the
 * identity Confluent's reprinted canonical string gives.
 */
export function protobufStructure(text: string, references: readonly ResolvedReference[]): string {
  try {
    const root = new protobuf.Root();
    const byName = new Set(references.map((ref) => ref.name));
    for (const ref of references) protobuf.parse(ref.schema, root, { keepCase: true });
    const parsed = protobuf.parse(text, root, { keepCase: true });
    const imports = [...(parsed.imports ?? []), ...(parsed.weakImports ?? [])];
    for (const file of imports) {
      if (byName.has(file)) continue;
      if (!addWellKnownProto(root, file)) {
        throw new Error(`import "${file}" has no reference and is not a well-known type`);
      }
    }
    root.resolveAll();
    const syntax = /^\s*syntax\s*=\s*["'](\w+)["']/m.exec(text)?.[1] ?? 'proto2';
    return JSON.stringify({ syntax, package: parsed.package ?? '', imports, root });
  } catch (error) {
    throw fail.invalidSchema(`invalid Protobuf schema: ${(error as Error).message}`);
  }
}
