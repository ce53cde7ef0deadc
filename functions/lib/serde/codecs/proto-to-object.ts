import protobuf from 'protobufjs';
import {
  fieldsInNumberOrder,
  GeneratedPerType,
  literalKey,
  plainDefault,
  SourceEnv,
  scalarSource,
} from './proto-codegen.js';
import { longText } from './proto-long-text.js';

/** A decoded protobufjs message as the serde's plain object, `depth` counting nested messages. */
export type ToPlain = (message: Record<string, unknown>, depth: number) => Record<string, unknown>;

/** protobufjs' conversion options this converter reproduces; others (Any) get them too. */
export const toObjectOptions: protobuf.IConversionOptions = { longs: String, enums: String, defaults: true };

const converters = new GeneratedPerType<ToPlain>(generate, (build) => {
  let built: ToPlain | undefined;
  return (message, depth) => {
    built ??= build();
    return built(message, depth);
  };
});

/**
 * The plain object protobufjs' `toObject(message, toObjectOptions)` gives, field for field and
 * key for key, without its per-call costs: its generated code builds a Long for every 64-bit
 * default and turns every int64 into a string with Long's division loop, which made a decode
 * four times slower than protobufjs' own decode. This generates one function per type (as
 * protobufjs does for its own codecs): defaults are literals or constants computed once, and an int64 that
 * fits a double (every timestamp) is printed by V8 directly.
 */
export function toPlain(type: protobuf.Type): ToPlain {
  return converters.later(type);
}

function generate(type: protobuf.Type): ToPlain {
  const env = new SourceEnv<ToPlain>();
  const fields = fieldsInNumberOrder(type);
  // protobufjs' key order: repeated fields, then maps, then other fields not in a oneof.
  const outside = fields.filter((f) => !f.partOf);
  const initial = [
    ...outside.filter((f) => f.repeated).map((f) => `${literalKey(f.name)}: []`),
    ...outside.filter((f) => f.map).map((f) => `${literalKey(f.name)}: {}`),
    ...outside
      .filter((f) => !f.repeated && !f.map)
      .map((f) => `${literalKey(f.name)}: ${plainDefault(f, env.constant)}`),
  ];
  const lines = [
    'if (q > limit) throw Error("max depth exceeded");',
    `var d = {${initial.join(', ')}}, v, t, j, a, ks;`,
  ];
  for (const field of fields) {
    // A quoted name, not a constant's slot: V8 then reads and writes it as a named property.
    const key = JSON.stringify(field.name);
    const value = (src: string) => convertSource(field, src, env);
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

/** Source text converting `src`, a decoded value of the field, to its plain form. */
function convertSource(field: protobuf.Field, src: string, env: SourceEnv<ToPlain>): string {
  const resolved = field.resolvedType;
  if (resolved instanceof protobuf.Enum) {
    // An unknown number (an open enum's newer value) stays a number, as in protobufjs.
    return `((t = ${env.enumNames(resolved)}[${src}]) === undefined ? ${src} : t)`;
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
      return `${env.constant(toObject)}(${src}, q + 1)`;
    }
    return `${env.nestedFunction(toPlain(resolved))}(${src}, q + 1)`;
  }
  return scalarSource(field.type, src);
}
