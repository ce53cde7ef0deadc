import protobuf from 'protobufjs';
// Static imports, so esbuild bundles them: the well-known files protobufjs ships beyond `protobuf.common`.
import apiJson from 'protobufjs/google/protobuf/api.json' with { type: 'json' };
import descriptorJson from 'protobufjs/google/protobuf/descriptor.json' with { type: 'json' };
import sourceContextJson from 'protobufjs/google/protobuf/source_context.json' with { type: 'json' };
import typeJson from 'protobufjs/google/protobuf/type.json' with { type: 'json' };

/** The `nested` part of a protobufjs JSON descriptor, what `Root.addJSON` takes. */
export type NestedJson = Record<string, protobuf.AnyNestedObject>;

/** Confluent's import path for field, message and file metadata (tags, doc, params). */
export const confluentMetaFile = 'confluent/meta.proto';

/**
 * Confluent's `confluent/meta.proto`, which its registry and clients resolve without a reference
 * (as they do google/protobuf/*): a schema may tag a field `[(confluent.field_meta).tags = "PII"]`.
 */
export const confluentMetaProto = `syntax = "proto3";
package confluent;
import "google/protobuf/descriptor.proto";
option go_package = "../confluent";
option java_package = "io.confluent.protobuf";
option java_outer_classname = "MetaProto";
message Meta {
  string doc = 1;
  map<string, string> params = 2;
  repeated string tags = 3;
}
extend google.protobuf.FileOptions { Meta file_meta = 1088; }
extend google.protobuf.MessageOptions { Meta message_meta = 1088; }
extend google.protobuf.FieldOptions { Meta field_meta = 1088; }
extend google.protobuf.EnumOptions { Meta enum_meta = 1088; }
extend google.protobuf.EnumValueOptions { Meta enum_value_meta = 1088; }
`;

const shipped: Readonly<Record<string, { nested?: NestedJson }>> = {
  'google/protobuf/descriptor.proto': descriptorJson as { nested?: NestedJson },
  'google/protobuf/api.proto': apiJson as { nested?: NestedJson },
  'google/protobuf/type.proto': typeJson as { nested?: NestedJson },
  'google/protobuf/source_context.proto': sourceContextJson as { nested?: NestedJson },
};

let confluentMeta: NestedJson | undefined;

/** meta.proto's own definitions; its descriptor.proto import is added beside them by wellKnownProto. */
function confluentMetaJson(): NestedJson {
  if (!confluentMeta) {
    const root = new protobuf.Root();
    protobuf.parse(confluentMetaProto, root, { keepCase: true });
    confluentMeta = (root.toJSON() as { nested: NestedJson }).nested;
  }
  return confluentMeta;
}

/**
 * The definitions of an import that needs no reference (google/protobuf/* and
 * confluent/meta.proto), each a list of `nested` objects to add to a Root; undefined for any other.
 */
export function wellKnownProto(file: string): readonly NestedJson[] | undefined {
  if (file === confluentMetaFile) {
    return [
      (shipped['google/protobuf/descriptor.proto'] as { nested: NestedJson }).nested,
      confluentMetaJson(),
    ];
  }
  const known = (protobuf.common.get(file) as { nested?: NestedJson } | null) ?? shipped[file];
  return known?.nested ? [known.nested] : undefined;
}

/** What each root already holds: meta.proto and an explicit descriptor.proto import share definitions. */
const added = new WeakMap<protobuf.Root, Set<NestedJson>>();

/** Adds a well-known import's definitions to `root` (each once); false when `file` is not one. */
export function addWellKnownProto(root: protobuf.Root, file: string): boolean {
  const known = wellKnownProto(file);
  if (!known) return false;
  const holds = added.get(root) ?? new Set<NestedJson>();
  added.set(root, holds);
  for (const nested of known) {
    if (holds.has(nested)) continue;
    root.addJSON(nested);
    holds.add(nested);
  }
  return true;
}
