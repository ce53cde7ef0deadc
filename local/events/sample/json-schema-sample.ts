import { UnsupportedSampleError } from '../errors.js';
import { formattedString, sampleInteger, sampleString } from './field-values.js';

type JsonSchema = boolean | { readonly [keyword: string]: unknown };

interface Walk {
  readonly root: JsonSchema;
  readonly name: string;
  readonly at: string;
  readonly n: number;
  readonly refs: ReadonlySet<string>;
}

/**
 * A value valid against a JSON Schema (the draft-07 / 2020-12 keywords schemas here use), for
 * sample `n`: `examples`, `const`, `default` and `enum` win; otherwise every property is filled
 * from its name, type, `format` and bounds. `pattern` cannot be satisfied in general and is refused.
 */
export function jsonSchemaSample(schema: JsonSchema, n = 1): unknown {
  return sampleOf(schema, { root: schema, name: '', at: '', n, refs: new Set() });
}

function sampleOf(schema: JsonSchema, walk: Walk): unknown {
  if (schema === true) return sampleString(walk.name, walk.n);
  if (schema === false) throw new UnsupportedSampleError('a schema that allows nothing', walk.at);
  if (typeof schema.$ref === 'string')
    return sampleOf(resolveRef(schema.$ref, walk), refWalk(schema.$ref, walk));
  const examples = schema.examples;
  if (Array.isArray(examples) && examples.length > 0) return examples[0];
  if ('const' in schema) return schema.const;
  if ('default' in schema) return schema.default;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  for (const keyword of ['oneOf', 'anyOf'] as const) {
    const branches = schema[keyword];
    if (Array.isArray(branches) && branches.length > 0) return sampleOf(branches[0] as JsonSchema, walk);
  }
  if (Array.isArray(schema.allOf)) return allOf(schema, walk);
  switch (typeOf(schema)) {
    case 'object':
      return objectOf(schema, walk);
    case 'array':
      return arrayOf(schema, walk);
    case 'string':
      return stringOf(schema, walk);
    case 'integer':
      return bounded(schema, sampleInteger(walk.name));
    case 'number':
      return bounded(schema, sampleInteger(walk.name));
    case 'boolean':
      return true;
    case 'null':
      return null;
    default:
      throw new UnsupportedSampleError('a schema without a type', walk.at);
  }
}

/** The schema's type; of a type list the first that is not null, as that shows the shape. */
function typeOf(schema: { readonly [keyword: string]: unknown }): string | undefined {
  const { type } = schema;
  if (typeof type === 'string') return type;
  if (Array.isArray(type)) return (type.find((t) => t !== 'null') ?? type[0]) as string | undefined;
  if (schema.properties !== undefined) return 'object';
  if (schema.items !== undefined) return 'array';
  return undefined;
}

function objectOf(schema: { readonly [keyword: string]: unknown }, walk: Walk): Record<string, unknown> {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const out: Record<string, unknown> = {};
  for (const [name, property] of Object.entries(properties)) {
    out[name] = sampleOf(property, { ...walk, name, at: walk.at ? `${walk.at}.${name}` : name });
  }
  const required = Array.isArray(schema.required) ? (schema.required as string[]) : [];
  for (const name of required.filter((r) => !(r in out))) {
    out[name] = sampleString(name, walk.n);
  }
  return out;
}

function arrayOf(schema: { readonly [keyword: string]: unknown }, walk: Walk): unknown[] {
  const items = (schema.items ?? true) as JsonSchema;
  const count = Math.max(1, Number(schema.minItems ?? 0));
  return Array.from({ length: count }, (_, i) => sampleOf(items, { ...walk, at: `${walk.at}[${i}]` }));
}

function stringOf(schema: { readonly [keyword: string]: unknown }, walk: Walk): string {
  if (schema.pattern !== undefined)
    throw new UnsupportedSampleError(`the pattern ${String(schema.pattern)}`, walk.at);
  const format = typeof schema.format === 'string' ? schema.format : '';
  let value = formattedString(format, walk.name, walk.n);
  if (value === undefined) throw new UnsupportedSampleError(`the string format "${format}"`, walk.at);
  const min = Number(schema.minLength ?? 0);
  const max = Number(schema.maxLength ?? Number.POSITIVE_INFINITY);
  if (value.length < min) value = value.padEnd(min, 'x');
  if (value.length > max) value = value.slice(0, max);
  return value;
}

function bounded(schema: { readonly [keyword: string]: unknown }, value: number): number {
  const bound = (keyword: string, exclusive: string, step: number, none: number) =>
    typeof schema[exclusive] === 'number'
      ? (schema[exclusive] as number) + step
      : typeof schema[keyword] === 'number'
        ? (schema[keyword] as number)
        : none;
  const min = bound('minimum', 'exclusiveMinimum', 1, Number.NEGATIVE_INFINITY);
  const max = bound('maximum', 'exclusiveMaximum', -1, Number.POSITIVE_INFINITY);
  return Math.min(Math.max(value, min), max);
}

/** allOf of object schemas: one object with every branch's properties. */
function allOf(schema: { readonly [keyword: string]: unknown }, walk: Walk): unknown {
  const { allOf: branches, ...rest } = schema;
  // The keywords beside allOf count as one more branch when they describe a value of their own.
  const own = typeOf(rest) === undefined ? [] : [rest];
  const parts = [...own, ...(branches as JsonSchema[])].map((b) => sampleOf(b, walk));
  if (parts.every((p) => typeof p === 'object' && p !== null && !Array.isArray(p)))
    return Object.assign({}, ...parts);
  return parts.at(-1);
}

/** A local `#/...` JSON pointer into the root schema; remote references need the registry. */
function resolveRef(ref: string, walk: Walk): JsonSchema {
  if (walk.refs.has(ref)) throw new UnsupportedSampleError(`the recursive reference ${ref}`, walk.at);
  if (!ref.startsWith('#')) throw new UnsupportedSampleError(`the remote reference ${ref}`, walk.at);
  let node: unknown = walk.root;
  for (const part of ref
    .slice(1)
    .split('/')
    .filter((p) => p !== '')) {
    const key = decodeURIComponent(part).replaceAll('~1', '/').replaceAll('~0', '~');
    node = (node as Record<string, unknown> | undefined)?.[key];
  }
  if (node === undefined) throw new UnsupportedSampleError(`the unresolved reference ${ref}`, walk.at);
  return node as JsonSchema;
}

function refWalk(ref: string, walk: Walk): Walk {
  return { ...walk, refs: new Set(walk.refs).add(ref) };
}
