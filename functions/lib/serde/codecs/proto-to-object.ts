import protobuf from 'protobufjs';
import { longText } from './proto-long-text.js';

/** A decoded protobufjs message as the serde's plain object, `depth` counting nested messages. */
export type ToPlain = (message: Record<string, unknown>, depth: number) => Record<string, unknown>;

/** protobufjs' conversion options this converter reproduces; others (Any) get them too. */
export const toObjectOptions: protobuf.IConversionOptions = { longs: String, enums: String, defaults: true };

/** What the generated source refers to, by index: constants, converters, enum names. */
interface Env {
  readonly constants: unknown[];
  readonly nested: ToPlain[];
  readonly names: Array<Record<number, string | undefined>>;
}

const converters = new WeakMap<protobuf.Type, ToPlain>();

/**
 * The plain object protobufjs' `toObject(message, toObjectOptions)` gives, field for field and
 * key for key, without its per-call costs: its generated code builds a Long for every 64-bit
 * default and turns every int64 into a string with Long's division loop, which made a decode
 * four times slower than protobufjs' own decode. This generates one function per type (as
 * protobufjs does for its own codecs): defaults are constants computed once, and an int64 that
 * fits a double (every timestamp) is printed by V8 directly.
 */
export function toPlain(type: protobuf.Type): ToPlain {
  let converter = converters.get(type);
  if (converter === undefined) {
    let built: ToPlain | undefined;
    // Registered before it is built, so a recursive message type finds itself.
    converter = (message, depth) => {
      built ??= generate(type);
      return built(message, depth);
    };
    converters.set(type, converter);
  }
  return converter;
}

function generate(type: protobuf.Type): ToPlain {
  const env: Env = { constants: [], nested: [], names: [] };
  const constant = (value: unknown) => `c[${env.constants.push(value) - 1}]`;
  const fields = type.fieldsArray.slice().sort((a, b) => a.id - b.id);
  for (const field of fields) field.resolve();
  // protobufjs' key order: repeated fields, then maps, then other fields not in a oneof.
  const outside = fields.filter((f) => !f.partOf);
  const initial = [
    ...outside.filter((f) => f.repeated).map((f) => `${literalKey(f.name)}: []`),
    ...outside.filter((f) => f.map).map((f) => `${literalKey(f.name)}: {}`),
    ...outside
      .filter((f) => !f.repeated && !f.map)
      .map((f) => `${literalKey(f.name)}: ${plainDefault(f, constant)}`),
  ];
  const lines = [
    'if (q > limit) throw Error("max depth exceeded");',
    `var d = {${initial.join(', ')}}, v, t, j, a, ks;`,
  ];
  for (const field of fields) {
    // A quoted name, not a constant's slot: V8 then reads and writes it as a named property.
    const key = JSON.stringify(field.name);
    const value = (src: string) => convertSource(field, src, env, constant);
    lines.push(`v = m[${key}];`);
    if (field instanceof protobuf.MapField) {
      const longKey = field.keyType in protobuf.types.long;
      const unsigned = field.keyType === 'uint64' || field.keyType === 'fixed64';
      const target = longKey ? `String(longFromKey(ks[j], ${unsigned}).toString())` : 'ks[j]';
      lines.push(
        'if (v && (ks = Object.keys(v)).length) {',
        '  a = {};',
        '  for (j = 0; j < ks.length; j++) {',
        // An own property even for "__proto__", as protobufjs' makeProp does.
        '    if (ks[j] === "__proto__") makeProp(a, ks[j]);',
        `    a[${target}] = ${value('v[ks[j]]')};`,
        '  }',
        `  d[${key}] = a;`,
        '}',
      );
    } else if (field.repeated) {
      lines.push(
        'if (v && v.length) {',
        '  a = new Array(v.length);',
        `  for (j = 0; j < v.length; j++) a[j] = ${value('v[j]')};`,
        `  d[${key}] = a;`,
        '}',
      );
    } else {
      lines.push(`if (v != null && hasOwn(m, ${key})) d[${key}] = ${value('v')};`);
    }
  }
  lines.push('return d;');
  const factory = new Function(
    'c',
    'n',
    'e',
    'limit',
    'hasOwn',
    'makeProp',
    'longFromKey',
    'longText',
    'newBuffer',
    `return function toPlain(m, q) {\n${lines.join('\n')}\n};`,
  ) as (...args: unknown[]) => ToPlain;
  return factory(
    env.constants,
    env.nested,
    env.names,
    protobuf.util.recursionLimit,
    Object.hasOwn,
    protobuf.util.makeProp,
    protobuf.util.longFromKey,
    longText,
    protobuf.util.newBuffer,
  );
}

/**
 * An object-literal key: quoted, so the literal gets V8's fast boilerplate; `__proto__` stays
 * computed, as a quoted `"__proto__":` would set the prototype instead of a field.
 */
export function literalKey(name: string): string {
  return name === '__proto__' ? `["__proto__"]` : JSON.stringify(name);
}

/** Source of a non-repeated field's plain default (a literal or a constant, or a fresh buffer for bytes). */
export function plainDefault(field: protobuf.Field, constant: (value: unknown) => string): string {
  const resolved = field.resolvedType;
  if (resolved instanceof protobuf.Enum) {
    const name = resolved.valuesById[field.typeDefault as number];
    return literalValue(name) ?? constant(name);
  }
  if (field.long) return JSON.stringify(String(field.typeDefault));
  // A fresh buffer per object: the caller may write into it.
  if (field.bytes)
    return `newBuffer(${constant(Array.prototype.slice.call(field.typeDefault as Uint8Array))})`;
  // Messages default to null; other scalars to their (immutable) default, written as a literal
  // where JSON spells it exactly, so V8 clones the object literal whole.
  return literalValue(field.typeDefault) ?? constant(field.typeDefault);
}

/** Source of a string, boolean, null or finite number (not -0) as a literal; undefined for others. */
function literalValue(value: unknown): string | undefined {
  if (typeof value === 'string' || typeof value === 'boolean' || value === null) return JSON.stringify(value);
  if (typeof value === 'number' && Number.isFinite(value) && !Object.is(value, -0)) return String(value);
  return undefined;
}

/** Source text converting `src`, a decoded value of the field, to its plain form. */
function convertSource(
  field: protobuf.Field,
  src: string,
  env: Env,
  constant: (value: unknown) => string,
): string {
  const resolved = field.resolvedType;
  if (resolved instanceof protobuf.Enum) {
    // An unknown number (an open enum's newer value) stays a number, as in protobufjs.
    const names = `e[${env.names.push(resolved.valuesById as Record<number, string | undefined>) - 1}]`;
    return `((t = ${names}[${src}]) === undefined ? ${src} : t)`;
  }
  if (resolved instanceof protobuf.Type) {
    // Any has protobufjs' own wrapper conversion (type URL and nested message): leave it that.
    if (resolved.fullName === '.google.protobuf.Any') {
      const toObject = (m: unknown, depth: number) =>
        (resolved.toObject as (m: unknown, o: unknown, q: number) => unknown).call(
          resolved,
          m,
          toObjectOptions,
          depth,
        );
      return `${constant(toObject)}(${src}, q + 1)`;
    }
    return `n[${env.nested.push(toPlain(resolved)) - 1}](${src}, q + 1)`;
  }
  return scalarSource(field.type, src);
}

/** Source text turning a decoded scalar of `type` into its plain form: 64-bit integers become decimal text. */
export function scalarSource(type: string, src: string): string {
  switch (type) {
    case 'int64':
    case 'sint64':
    case 'sfixed64':
      return `longText(${src}, false)`;
    case 'uint64':
    case 'fixed64':
      return `longText(${src}, true)`;
    default:
      return src;
  }
}
