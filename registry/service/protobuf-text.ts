import { createRequire } from 'node:module';
import protobuf from 'protobufjs';
import { fail } from '../errors.js';
import type { ResolvedReference } from './request-body.js';

const require = createRequire(import.meta.url);

/** Well-known files protobufjs ships beyond `protobuf.common` (which has any, duration, empty, field_mask, struct, timestamp, wrappers). */
const shippedFiles: Readonly<Record<string, string>> = {
  'google/protobuf/descriptor.proto': 'protobufjs/google/protobuf/descriptor.json',
  'google/protobuf/api.proto': 'protobufjs/google/protobuf/api.json',
  'google/protobuf/type.proto': 'protobufjs/google/protobuf/type.json',
  'google/protobuf/source_context.proto': 'protobufjs/google/protobuf/source_context.json',
};

type NestedJson = { nested?: Record<string, protobuf.AnyNestedObject> };

/** The definitions of a well-known import, as Confluent resolves them without a reference. */
function wellKnown(file: string): NestedJson | undefined {
  const common = protobuf.common.get(file) as NestedJson | null;
  if (common) return common;
  const shipped = shippedFiles[file];
  return shipped ? (require(shipped) as NestedJson) : undefined;
}

/**
 * Parses a .proto with its references and the well-known imports, checks every type resolves,
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
      const known = wellKnown(file);
      if (!known?.nested) throw new Error(`import "${file}" has no reference and is not a well-known type`);
      root.addJSON(known.nested);
    }
    root.resolveAll();
    const syntax = /^\s*syntax\s*=\s*["'](\w+)["']/m.exec(text)?.[1] ?? 'proto2';
    return JSON.stringify({ syntax, package: parsed.package ?? '', imports, root });
  } catch (error) {
    throw fail.invalidSchema(`invalid Protobuf schema: ${(error as Error).message}`);
  }
}
