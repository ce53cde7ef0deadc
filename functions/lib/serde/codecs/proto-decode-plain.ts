import protobuf from 'protobufjs';
import {
  fieldsInNumberOrder,
  GeneratedPerType,
  literalKey,
  plainDefault,
  SourceEnv,
  scalarSource,
} from './proto-codegen.js';
import { longText, varint64Text } from './proto-long-text.js';

/**
 * Decodes one message (`length` bytes, or up to the reader's end) into the serde's plain
 * object; `into` is an earlier occurrence of the same field, which the wire format merges.
 */
export type DecodePlain = (
  reader: protobuf.Reader,
  length: number | undefined,
  depth: number,
  into?: Record<string, unknown>,
) => Record<string, unknown>;

/** protobufjs keeps resolved editions features on a field it does not type. */
interface WithFeatures {
  readonly _features: { readonly utf8_validation?: string; readonly enum_type?: string };
}

const decoders = new GeneratedPerType<DecodePlain>(generate, (build) => {
  let built: DecodePlain | undefined;
  return (reader, length, depth, into) => {
    built ??= build();
    return built(reader, length, depth, into);
  };
});
const support = new WeakMap<protobuf.Type, boolean>();

/**
 * A decoder generated per type that reads the wire bytes straight into the plain object
 * `toPlain(type)(type.decode(bytes))` gives, key order included, in one pass: no protobufjs
 * message, no Long per int64, no second walk. It repeats protobufjs' decoder rule for rule
 * (last value wins, repeated fields append, a repeated message merges, packed or not, unknown
 * fields skipped, a oneof keeps its last member). undefined when the type reaches a field it
 * leaves to protobufjs (maps, groups, required fields, closed enums, Any, extensions): those
 * decode as before, through protobufjs and toPlain.
 */
export function plainDecoder(type: protobuf.Type): DecodePlain | undefined {
  // The generated function itself, not the deferred one: a top-level read is one call.
  return (support.get(type) ?? supported(type, new Set())) ? decoders.now(type) : undefined;
}

function supported(type: protobuf.Type, visiting: Set<protobuf.Type>): boolean {
  const known = support.get(type);
  if (known !== undefined) return known;
  // A recursive type is as supported as the rest of its fields.
  if (visiting.has(type)) return true;
  visiting.add(type);
  let ok = true;
  for (const field of type.fieldsArray) {
    field.resolve();
    const resolved = field.resolvedType;
    if (
      field.map ||
      field.delimited ||
      field.required ||
      field.declaringField ||
      field.extensionField ||
      // A key toPlain's literal and assignments treat specially.
      field.name === '__proto__'
    ) {
      ok = false;
    } else if (resolved instanceof protobuf.Enum) {
      ok = (resolved as unknown as WithFeatures)._features.enum_type !== 'CLOSED';
    } else if (resolved instanceof protobuf.Type) {
      ok = resolved.fullName !== '.google.protobuf.Any' && supported(resolved, visiting);
    }
    if (!ok) break;
  }
  visiting.delete(type);
  if (visiting.size === 0 || !ok) support.set(type, ok);
  return ok;
}

function generate(type: protobuf.Type): DecodePlain {
  const env = new SourceEnv<DecodePlain>();
  const fields = fieldsInNumberOrder(type);
  // toPlain's key order: repeated fields, then other fields not in a oneof, then oneof
  // members (proto3 `optional` too) in field order, whichever the wire sent first.
  const outside = fields.filter((f) => !f.partOf);
  const members = fields.filter((f) => f.partOf);
  const initial = [
    ...outside.filter((f) => f.repeated).map((f) => `${literalKey(f.name)}: []`),
    ...outside
      .filter((f) => !f.repeated)
      .map((f) => `${literalKey(f.name)}: ${plainDefault(f, env.constant)}`),
  ];
  const local = (field: protobuf.Field) => `p${members.indexOf(field)}`;
  const lines = [
    'if (q > limit) throw Error("max depth exceeded");',
    `var d = g || {${initial.join(', ')}}, c0, l0, t, u, v, j, a${members.map((f) => `, ${local(f)}`).join('')};`,
    'if (l === undefined) c0 = r.len;',
    'else {',
    '  c0 = r.pos + l;',
    '  if (c0 > r.len) throw RangeError("index out of range");',
    '  l0 = r.len;',
    '  r.len = c0;',
    '}',
    'while (r.pos < c0) {',
    '  t = r.tag();',
    '  u = t & 7;',
    '  switch (t >>>= 3) {',
  ];
  for (const field of fields) {
    const key = JSON.stringify(field.name);
    const resolved = field.resolvedType;
    const wire = resolved instanceof protobuf.Type ? 2 : wireType(field);
    lines.push(`  case ${field.id}:`);
    if (field.repeated) {
      const scalar = resolved instanceof protobuf.Enum ? 'int32' : field.type;
      if (!(resolved instanceof protobuf.Type) && scalar in protobuf.types.packed) {
        // Packed or not, as protobufjs accepts both: its bulk reader, each value converted.
        const each = convert(field, 'a[j]', env);
        lines.push(
          '    if (u === 2) {',
          each === 'a[j]'
            ? `      r.${scalar}s(d[${key}]);`
            : `      a = r.${scalar}s([]);\n      for (j = 0; j < a.length; j++) d[${key}].push(${each});`,
          '      continue;',
          '    }',
        );
      }
      lines.push(`    if (u !== ${wire}) break;`, `    d[${key}].push(${read(field, env)});`);
    } else if (field.partOf) {
      // A message member merges into the one already there: from this pass, else from `g`.
      const earlier = `(${local(field)} === undefined && g !== undefined && hasOwn(d, ${key}) ? d[${key}] : ${local(field)})`;
      const value = read(field, env, earlier);
      // A oneof keeps only its last member, as protobufjs' oneof setter deletes the others.
      const others = field.partOf.fieldsArray
        .filter((f) => f !== field && members.includes(f))
        .map((f) => ` ${local(f)} = null;`)
        .join('');
      lines.push(`    if (u !== ${wire}) break;`, `    ${local(field)} = ${value};${others}`);
    } else {
      lines.push(`    if (u !== ${wire}) break;`, `    d[${key}] = ${read(field, env, `d[${key}]`)};`);
    }
    lines.push('    continue;');
  }
  lines.push(
    '  }',
    '  r.skipType(u, q, t);',
    '}',
    'if (l !== undefined) {',
    '  if (r.pos !== c0) throw RangeError("index out of range");',
    '  r.len = l0;',
    '}',
  );
  if (members.length > 0) {
    // Merging: members already there keep their value unless this pass replaced or cleared
    // them, and all of them go back in field order.
    lines.push('if (g !== undefined) {');
    for (const field of members) {
      const key = JSON.stringify(field.name);
      lines.push(
        `  if (${local(field)} === undefined && hasOwn(d, ${key})) ${local(field)} = d[${key}];`,
        `  delete d[${key}];`,
      );
    }
    lines.push('}');
    for (const field of members) {
      lines.push(`if (${local(field)} != null) d[${JSON.stringify(field.name)}] = ${local(field)};`);
    }
  }
  lines.push('return d;');
  const factory = new Function(
    'c',
    'n',
    'e',
    'limit',
    'hasOwn',
    'longText',
    'varint64Text',
    'newBuffer',
    `return function decodePlain(r, l, q, g) {\n${lines.join('\n')}\n};`,
  ) as (...args: unknown[]) => DecodePlain;
  return factory(
    env.constants,
    env.nested,
    env.names,
    protobuf.Reader.recursionLimit,
    Object.hasOwn,
    longText,
    varint64Text,
    protobuf.util.newBuffer,
  );
}

/** The wire type protobufjs expects for a scalar (enums are int32s). */
function wireType(field: protobuf.Field): number {
  const scalar = field.resolvedType instanceof protobuf.Enum ? 'int32' : field.type;
  return (protobuf.types.basic as Record<string, number>)[scalar] as number;
}

/** Source reading one value of the field; `merge`, the earlier message to merge into, if any. */
function read(field: protobuf.Field, env: SourceEnv<DecodePlain>, merge?: string): string {
  const resolved = field.resolvedType;
  if (resolved instanceof protobuf.Type) {
    const nested = env.nestedFunction(decoders.later(resolved));
    return `${nested}(r, r.size(), q + 1${merge === undefined ? '' : `, ${merge} || undefined`})`;
  }
  switch (field.type) {
    case 'int64':
      return 'varint64Text(r, false)';
    case 'uint64':
      return 'varint64Text(r, true)';
    case 'string':
      // proto3 and editions check UTF-8, proto2 does not: the method protobufjs picks.
      return (field as unknown as WithFeatures)._features.utf8_validation === 'VERIFY'
        ? 'r.stringVerify()'
        : 'r.string()';
    default:
      return convert(field, `r.${resolved instanceof protobuf.Enum ? 'int32' : field.type}()`, env);
  }
}

/** Source converting a value protobufjs' reader gave to its plain form. */
function convert(field: protobuf.Field, src: string, env: SourceEnv<DecodePlain>): string {
  const resolved = field.resolvedType;
  if (resolved instanceof protobuf.Enum) {
    // An unknown number (an open enum's newer value) stays a number, as in protobufjs.
    return `((t = ${env.enumNames(resolved)}[v = ${src}]) === undefined ? v : t)`;
  }
  return scalarSource(field.type, src);
}
