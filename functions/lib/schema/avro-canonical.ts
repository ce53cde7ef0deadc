/**
 * The two Avro texts Confluent Schema Registry keys schemas by, computed from the parsed JSON:
 * - the canonical string (Confluent 7.9 `AvroSchema.canonicalString()`, which is Avro Java's
 *   `Schema.toString()`): what a registration stores and compares; key order, whitespace and
 *   `{"type":"string"}` versus `"string"` do not matter, docs and custom properties do;
 * - the normalized string (`AvroSchema.normalize()`, used with `?normalize=true`): full names,
 *   `name` before `type`, properties and aliases sorted.
 * Neither is Avro's Parsing Canonical Form, which drops docs, defaults and properties.
 * The input is JSON that already parsed as a valid Avro schema.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const primitives = new Set(['null', 'boolean', 'int', 'long', 'float', 'double', 'bytes', 'string']);
const schemaReserved = new Set([
  'doc',
  'fields',
  'items',
  'name',
  'namespace',
  'size',
  'symbols',
  'values',
  'type',
  'aliases',
]);
const fieldReserved = new Set(['default', 'doc', 'name', 'order', 'type', 'aliases']);

/** Logical types Avro Java recognises, by the base type they annotate. */
const logicalBases: Readonly<Record<string, readonly string[]>> = {
  decimal: ['bytes', 'fixed'],
  uuid: ['string', 'fixed'],
  date: ['int'],
  'time-millis': ['int'],
  'time-micros': ['long'],
  'timestamp-millis': ['long'],
  'timestamp-micros': ['long'],
  'timestamp-nanos': ['long'],
  'local-timestamp-millis': ['long'],
  'local-timestamp-micros': ['long'],
  'local-timestamp-nanos': ['long'],
  duration: ['fixed'],
};

/** Avro Java's `Schema.toString()`: Confluent's stored text and identity for Avro without `normalize`. */
export function avroCanonicalString(definition: string): string {
  return JSON.stringify(new CanonicalPrinter().print(JSON.parse(definition) as Json, undefined));
}

/** Confluent's `AvroSchema.normalize()` text; `referenced` are full names defined by references. */
export function avroNormalizedString(definition: string, referenced: readonly string[] = []): string {
  return JSON.stringify(new NormalizedPrinter(referenced).print(JSON.parse(definition) as Json, undefined));
}

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fullName(name: string, namespace: string | undefined): string {
  return name.includes('.') || !namespace ? name : `${namespace}.${name}`;
}

function splitName(full: string): { space: string | undefined; short: string } {
  const dot = full.lastIndexOf('.');
  return dot < 0
    ? { space: undefined, short: full }
    : { space: full.slice(0, dot), short: full.slice(dot + 1) };
}

/** A named schema's full name; without a namespace of its own it takes the enclosing one (Avro's rule). */
function namedFullName(node: JsonObject, enclosing: string | undefined): string {
  const name = String(node.name);
  if (name.includes('.')) return name;
  const own = typeof node.namespace === 'string' ? node.namespace : enclosing;
  return fullName(name, own || undefined);
}

/** How Avro Java writes a name relative to the current default namespace. */
function qualified(full: string, space: string | undefined): string {
  const { space: own, short } = splitName(full);
  return own === space ? short : full;
}

function props(node: JsonObject, reserved: ReadonlySet<string>): [string, Json][] {
  return Object.entries(node).filter(([key]) => !reserved.has(key));
}

class CanonicalPrinter {
  print(node: Json, space: string | undefined): Json {
    if (typeof node === 'string')
      return primitives.has(node) ? node : qualified(fullName(node, space), space);
    if (Array.isArray(node)) return node.map((branch) => this.print(branch, space));
    if (!isObject(node)) return node;
    const type = node.type;
    if (typeof type !== 'string') return this.print(type ?? null, space);
    if (primitives.has(type)) {
      const extra = props(node, schemaReserved);
      return extra.length === 0 ? type : { type, ...Object.fromEntries(extra) };
    }
    if (type === 'array' || type === 'map') {
      const child = type === 'array' ? 'items' : 'values';
      return {
        type,
        [child]: this.print(node[child] ?? null, space),
        ...Object.fromEntries(props(node, schemaReserved)),
      };
    }
    if (type === 'record' || type === 'error' || type === 'enum' || type === 'fixed') {
      return this.named(node, type, space);
    }
    return this.print(type, space);
  }

  private named(node: JsonObject, type: string, space: string | undefined): JsonObject {
    const full = namedFullName(node, space);
    const { space: own, short } = splitName(full);
    const out: JsonObject = { type, name: short };
    if (own !== space) out.namespace = own ?? '';
    if (typeof node.doc === 'string') out.doc = node.doc;
    if (type === 'record' || type === 'error') {
      out.fields = (Array.isArray(node.fields) ? node.fields : []).map((field) =>
        this.field(field as JsonObject, own),
      );
    } else if (type === 'enum') {
      out.symbols = node.symbols ?? [];
      // Avro Java writes an enum's default right after its symbols.
      if (node.default !== undefined) out.default = node.default;
    } else out.size = node.size ?? null;
    Object.assign(out, Object.fromEntries(props(node, type === 'enum' ? enumReserved : schemaReserved)));
    if (Array.isArray(node.aliases) && node.aliases.length > 0) {
      out.aliases = node.aliases.map((alias) => qualified(fullName(String(alias), own), own));
    }
    return out;
  }

  private field(field: JsonObject, space: string | undefined): JsonObject {
    const out: JsonObject = { name: field.name ?? null, type: this.print(field.type ?? null, space) };
    if (typeof field.doc === 'string') out.doc = field.doc;
    if (field.default !== undefined) out.default = field.default;
    if (typeof field.order === 'string' && field.order !== 'ascending') out.order = field.order;
    if (Array.isArray(field.aliases) && field.aliases.length > 0) out.aliases = field.aliases;
    return { ...out, ...Object.fromEntries(props(field, fieldReserved)) };
  }
}

const enumReserved = new Set([...schemaReserved, 'default']);

class NormalizedPrinter {
  private readonly seen: Set<string>;

  constructor(referenced: readonly string[]) {
    this.seen = new Set(referenced);
  }

  print(node: Json, space: string | undefined): Json {
    if (typeof node === 'string') return primitives.has(node) ? node : fullName(node, space);
    if (Array.isArray(node)) return node.map((branch) => this.print(branch, space));
    if (!isObject(node)) return node;
    const type = node.type;
    if (typeof type !== 'string') return this.print(type ?? null, space);
    if (primitives.has(type)) return this.annotated(node, type, schemaReserved) ?? type;
    if (type === 'array' || type === 'map') {
      const child = type === 'array' ? 'items' : 'values';
      return {
        type,
        [child]: this.print(node[child] ?? null, space),
        ...sorted(props(node, schemaReserved)),
      };
    }
    if (type === 'record' || type === 'error' || type === 'enum' || type === 'fixed') {
      return this.named(node, type, space);
    }
    return this.print(type, space);
  }

  /** A primitive or fixed with a logical type or properties, as an object; undefined when bare. */
  private annotated(node: JsonObject, type: string, reserved: ReadonlySet<string>): JsonObject | undefined {
    const logical = logicalType(node, type);
    const extra = props(node, reserved).filter(
      ([key]) => !logical || !['logicalType', 'precision', 'scale'].includes(key),
    );
    if (!logical && extra.length === 0) return undefined;
    return { type, ...(logical ?? {}), ...sorted(extra) };
  }

  private named(node: JsonObject, type: string, space: string | undefined): Json {
    const full = namedFullName(node, space);
    if (this.seen.has(full)) return full;
    this.seen.add(full);
    const own = splitName(full).space;
    const out: JsonObject = { name: full, type };
    if (type === 'enum') out.symbols = node.symbols ?? [];
    else if (type === 'fixed') {
      out.size = node.size ?? null;
      Object.assign(out, logicalType(node, 'fixed') ?? {});
    } else {
      out.fields = (Array.isArray(node.fields) ? node.fields : []).map((field) =>
        this.field(field as JsonObject, own),
      );
    }
    if (typeof node.doc === 'string' && node.doc !== '') out.doc = node.doc;
    if (Array.isArray(node.aliases) && node.aliases.length > 0) {
      out.aliases = node.aliases.map((alias) => fullName(String(alias), own)).sort();
    }
    if (type === 'enum' && node.default !== undefined) out.default = node.default;
    const reserved = type === 'enum' ? enumReserved : schemaReserved;
    const extra = props(node, reserved).filter(
      ([key]) =>
        type !== 'fixed' ||
        !logicalType(node, 'fixed') ||
        !['logicalType', 'precision', 'scale'].includes(key),
    );
    return { ...out, ...sorted(extra) };
  }

  private field(field: JsonObject, space: string | undefined): JsonObject {
    // Confluent writes every field's order as the Java constant name ("ASCENDING"), which
    // Avro parsers other than Java's refuse; here only a non-default order is written, in Avro's spelling.
    const out: JsonObject = { name: field.name ?? null, type: this.print(field.type ?? null, space) };
    if (typeof field.order === 'string' && field.order !== 'ascending') out.order = field.order;
    if (typeof field.doc === 'string') out.doc = field.doc;
    if (Array.isArray(field.aliases) && field.aliases.length > 0) out.aliases = [...field.aliases].sort();
    if (field.default !== undefined) out.default = field.default;
    return { ...out, ...sorted(props(field, fieldReserved)) };
  }
}

/** The logical-type properties Confluent's normalizer writes, when the annotation is valid. */
function logicalType(node: JsonObject, base: string): JsonObject | undefined {
  const name = node.logicalType;
  if (typeof name !== 'string' || !logicalBases[name]?.includes(base)) return undefined;
  if (name !== 'decimal') return { logicalType: name };
  const precision = node.precision;
  if (typeof precision !== 'number' || precision < 1) return undefined;
  const scale = typeof node.scale === 'number' ? node.scale : 0;
  return { logicalType: name, precision, ...(scale === 0 ? {} : { scale }) };
}

function sorted(entries: readonly [string, Json][]): JsonObject {
  return Object.fromEntries([...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
