import protobuf from 'protobufjs';
import { addWellKnownProto } from './well-known-protos.js';

/** A .proto another one imports by `name`, as a schema reference supplies it. */
export interface ProtoReference {
  readonly name: string;
  readonly schema: string;
}

/** The structure of a .proto, or why it has none (the caller turns the reason into its own error). */
export type ProtobufStructureResult =
  | { readonly ok: true; readonly structure: string }
  | { readonly ok: false; readonly reason: string };

/**
 * Parses a .proto with its references and the well-known imports (google/protobuf/* and
 * confluent/meta.proto, which Confluent resolves without a reference), checks every type resolves,
 * and returns its structure as JSON: whitespace and comments do not appear in it, so it is the
 * identity Confluent's reprinted canonical string gives.
 */
export function protobufStructure(
  text: string,
  references: readonly ProtoReference[] = [],
): ProtobufStructureResult {
  try {
    const root = new protobuf.Root();
    const byName = new Set(references.map((ref) => ref.name));
    for (const ref of references) protobuf.parse(ref.schema, root, { keepCase: true });
    const parsed = protobuf.parse(text, root, { keepCase: true });
    const imports = [...(parsed.imports ?? []), ...(parsed.weakImports ?? [])];
    const missing = imports.find((file) => !byName.has(file) && !addWellKnownProto(root, file));
    if (missing !== undefined) {
      return { ok: false, reason: `import "${missing}" has no reference and is not a well-known type` };
    }
    root.resolveAll();
    const syntax = /^\s*syntax\s*=\s*["'](\w+)["']/m.exec(text)?.[1] ?? 'proto2';
    return { ok: true, structure: JSON.stringify({ syntax, package: parsed.package ?? '', imports, root }) };
  } catch (error) {
    // protobufjs reports syntax and resolution failures with its own Error types.
    return { ok: false, reason: (error as Error).message };
  }
}
