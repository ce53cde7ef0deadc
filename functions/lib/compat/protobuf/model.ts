import protobuf from 'protobufjs';
import { addWellKnownProto } from '../../schema/well-known-protos.js';
import { InvalidSchemaError } from '../errors.js';
import { scalarGroups } from './changes.js';

export type Label = 'OPTIONAL' | 'REQUIRED' | 'REPEATED';

export type FieldType =
  | { readonly kind: 'scalar'; readonly scalar: string }
  | { readonly kind: 'enum'; readonly fullName: string }
  | {
      readonly kind: 'message';
      readonly fullName: string;
      readonly localName: string;
      readonly message: ProtoMessage;
    }
  | { readonly kind: 'map'; readonly key: FieldType; readonly value: FieldType };

export interface ProtoField {
  readonly name: string;
  readonly tag: number;
  /** As written; undefined for a proto3 field without a label, a map, or a oneof member. */
  readonly label?: Label;
  readonly oneof?: string;
  readonly type: () => FieldType;
}

export interface ProtoEnum {
  readonly kind: 'enum';
  readonly name: string;
  /** Constant name by number. */
  readonly constants: ReadonlyMap<number, string>;
}

export interface ProtoMessage {
  readonly kind: 'message';
  readonly name: string;
  /** A `map_entry` message: the form a map field takes in descriptors (and in the text Glue stores). */
  readonly mapEntry: boolean;
  readonly fields: readonly ProtoField[];
  readonly oneofs: ReadonlyMap<string, readonly number[]>;
  readonly nested: readonly (ProtoMessage | ProtoEnum)[];
}

export interface ProtoFile {
  readonly packageName: string;
  readonly types: readonly (ProtoMessage | ProtoEnum)[];
}

/** A .proto text plus the files it imports, by the import path that names them. */
export interface ProtobufSource {
  readonly definition: string;
  readonly references?: readonly { readonly name: string; readonly definition: string }[];
}

/** Packages of the imports that need no reference (google/protobuf/*, confluent/meta.proto). */
const wellKnownPackages = ['google.protobuf', 'confluent'];

function packageOf(text: string): string {
  return /^\s*package\s+([\w.]+)\s*;/m.exec(text)?.[1] ?? '';
}

function parse(text: string, root: protobuf.Root, what: string): protobuf.IParserResult {
  try {
    return protobuf.parse(text, root, { keepCase: true });
  } catch (error) {
    throw new InvalidSchemaError(`${what} is not valid Protobuf: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

/**
 * Loads a .proto file into the elements Confluent's Protobuf diff compares: the file's own types
 * in declaration order, each field with its label as written and its type resolved against the
 * imports (the well-known `google/protobuf/*.proto` types and `confluent/meta.proto` included without references).
 */
export function loadProtobuf(source: ProtobufSource): ProtoFile {
  const resolving = new protobuf.Root();
  const packages = new Set([...wellKnownPackages, packageOf(source.definition)]);
  const imports = new Set<string>();
  for (const reference of source.references ?? []) {
    packages.add(packageOf(reference.definition));
    for (const path of parse(reference.definition, resolving, `reference ${reference.name}`).imports ?? []) {
      imports.add(path);
    }
  }
  for (const path of parse(source.definition, resolving, 'the schema').imports ?? []) imports.add(path);
  const named = new Set((source.references ?? []).map((r) => r.name));
  for (const path of imports) {
    if (!named.has(path)) addWellKnownProto(resolving, path);
  }
  try {
    resolving.resolveAll();
  } catch (error) {
    throw new InvalidSchemaError(`the schema's types do not resolve: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const own = new protobuf.Root();
  const parsed = parse(source.definition, own, 'the schema');
  const packageName = parsed.package ?? '';
  const proto3 = /^\s*syntax\s*=\s*["']proto3["']/m.test(source.definition);
  const scope = packageName === '' ? own : own.lookup(packageName);
  const localName = (fullName: string) => {
    const prefix = [...packages]
      .filter((p) => p !== '' && fullName.startsWith(`${p}.`))
      .sort((a, b) => b.length - a.length)[0];
    return prefix ? fullName.slice(prefix.length + 1) : fullName;
  };
  const messages = new Map<string, ProtoMessage>();

  const fieldType = (field: protobuf.Field): FieldType => {
    if (field instanceof protobuf.MapField) {
      return { kind: 'map', key: { kind: 'scalar', scalar: field.keyType }, value: valueType(field) };
    }
    return valueType(field);
  };
  const valueType = (field: protobuf.Field): FieldType => {
    if (scalarGroups[field.type]) return { kind: 'scalar', scalar: field.type };
    const resolved = field.resolvedType;
    if (!resolved)
      throw new InvalidSchemaError(`field ${field.fullName}: type ${field.type} does not resolve`);
    const fullName = resolved.fullName.replace(/^\./, '');
    if (resolved instanceof protobuf.Enum) return { kind: 'enum', fullName };
    const message = messageOf(resolved);
    if (message.mapEntry) {
      const key = resolved.fields.key;
      const value = resolved.fields.value;
      if (key && value) return { kind: 'map', key: valueType(key), value: valueType(value) };
    }
    return { kind: 'message', fullName, localName: localName(fullName), message };
  };

  /** Structure comes from the resolving root, so referenced messages compare as deeply as local ones. */
  const messageOf = (type: protobuf.Type): ProtoMessage => {
    const cached = messages.get(type.fullName);
    if (cached) return cached;
    const synthetic = new Set(
      type.oneofsArray
        .filter((o) => o.fieldsArray.length === 1 && o.fieldsArray[0]?.options?.proto3_optional === true)
        .map((o) => o.name),
    );
    const oneofs = new Map(
      type.oneofsArray
        .filter((o) => !synthetic.has(o.name))
        .map((o) => [o.name, o.fieldsArray.map((f) => f.id)]),
    );
    const fields = type.fieldsArray.map((field): ProtoField => {
      const oneof = field.partOf && !synthetic.has(field.partOf.name) ? field.partOf.name : undefined;
      return {
        name: field.name,
        tag: field.id,
        label: labelOf(field, oneof !== undefined, proto3),
        oneof,
        type: () => fieldType(field),
      };
    });
    const message: ProtoMessage = {
      kind: 'message',
      name: type.name,
      mapEntry: type.options?.map_entry === true,
      fields,
      oneofs,
      nested: [],
    };
    messages.set(type.fullName, message);
    (message.nested as (ProtoMessage | ProtoEnum)[]).push(...typesOf(type));
    return message;
  };

  const typesOf = (namespace: protobuf.NamespaceBase): (ProtoMessage | ProtoEnum)[] =>
    namespace.nestedArray.flatMap((nested): (ProtoMessage | ProtoEnum)[] => {
      if (nested instanceof protobuf.Type) {
        const resolvedType = resolving.lookupType(nested.fullName);
        return [messageOf(resolvedType)];
      }
      if (nested instanceof protobuf.Enum) {
        return [
          {
            kind: 'enum',
            name: nested.name,
            constants: new Map(Object.entries(nested.values).map(([name, number]) => [number, name])),
          },
        ];
      }
      return [];
    });

  return { packageName, types: scope instanceof protobuf.Namespace ? typesOf(scope) : [] };
}

function labelOf(field: protobuf.Field, inOneof: boolean, proto3: boolean): Label | undefined {
  if (field.map || inOneof) return undefined;
  if (field.rule === 'repeated') return 'REPEATED';
  if (field.rule === 'required') return 'REQUIRED';
  if (field.options?.proto3_optional === true) return 'OPTIONAL';
  // proto2 spells every singular field's label; proto3 leaves it out unless `optional` is written.
  return proto3 ? undefined : 'OPTIONAL';
}
