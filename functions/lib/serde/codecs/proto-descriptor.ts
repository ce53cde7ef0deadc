import protobuf from 'protobufjs';
// Static, so esbuild bundles it; importing registers descriptor.proto's types, a one-time cost.
import descriptorModule from 'protobufjs/ext/descriptor.js';
import { addWellKnownProto } from '../../schema/well-known-protos.js';
import { uvarintBytes } from './varint.js';

interface DescriptorProto {
  name?: string;
  nestedType?: DescriptorProto[];
}
interface FileDescriptorProto {
  package?: string;
  dependency?: string[];
  messageType?: DescriptorProto[];
}
interface DescriptorExtension {
  FileDescriptorProto: { decode(bytes: Uint8Array): unknown; toObject(m: unknown): FileDescriptorProto };
}
type RootWithDescriptors = typeof protobuf.Root & {
  fromDescriptor(set: Uint8Array, options?: { keepCase?: boolean }): protobuf.Root;
};

/**
 * Registries may hold a Protobuf schema as a base64 FileDescriptorProto rather than .proto
 * text: Confluent's Python serializer registers that form, and Apicurio hands it back as is.
 * Text has braces and semicolons; base64 has neither.
 */
export function isSerializedDescriptor(definition: string): boolean {
  return !/[{};]/.test(definition) && /^[A-Za-z0-9+/=\s]+$/.test(definition);
}

/** The root and the protoc-order nesting (map entries included) of a serialized descriptor. */
export function parseSerializedDescriptor(definition: string): {
  root: protobuf.Root;
  pkg: string | undefined;
  topLevelNames: string[];
  nested: Map<string, string[]>;
} {
  const ext = descriptorModule as unknown as DescriptorExtension;
  const bytes = Buffer.from(definition.replace(/\s/g, ''), 'base64');
  const file = ext.FileDescriptorProto.toObject(ext.FileDescriptorProto.decode(bytes));
  // A FileDescriptorSet of this one file: field 1, length-delimited.
  const set = Buffer.concat([Buffer.from([0x0a, ...uvarintBytes(bytes.length)]), bytes]);
  const root = (protobuf.Root as RootWithDescriptors).fromDescriptor(set, { keepCase: true });
  for (const dependency of file.dependency ?? []) {
    if (!addWellKnownProto(root, dependency)) {
      throw new Error(
        `import "${dependency}" is not supported (only google/protobuf well-known types and confluent/meta.proto)`,
      );
    }
  }
  const pkg = file.package || undefined;
  const nested = new Map<string, string[]>();
  const walk = (parent: string, message: DescriptorProto): string => {
    const name = `${parent}.${message.name ?? ''}`.replace(/^\./, '');
    nested.set(
      name,
      (message.nestedType ?? []).map((child) => walk(name, child)),
    );
    return name;
  };
  const topLevelNames = (file.messageType ?? []).map((message) => walk(pkg ?? '', message));
  return { root, pkg, topLevelNames, nested };
}
