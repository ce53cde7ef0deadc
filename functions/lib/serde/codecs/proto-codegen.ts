import protobuf from 'protobufjs';

/**
 * What the serde's generated Protobuf functions share (the plain decoder and the toObject
 * replacement): a per-type cache, the values their source refers to by index, the fields in
 * number order, and the source of keys, defaults and 64-bit scalars.
 */

/**
 * One generated function per message type. `now` builds it on first use; `later` gives a
 * function that builds it on its first call, registered before anything is built, so a
 * recursive type (or two types that refer to each other) find each other.
 */
export class GeneratedPerType<F> {
  private readonly built = new WeakMap<protobuf.Type, F>();
  private readonly deferred = new WeakMap<protobuf.Type, F>();

  /**
   * @param generate builds the function of one type
   * @param defer wraps a build in a function of F's signature that calls it once (written per
   *   signature by the caller: fixed parameters stay cheaper to call than rest and spread)
   */
  constructor(
    private readonly generate: (type: protobuf.Type) => F,
    private readonly defer: (build: () => F) => F,
  ) {}

  now(type: protobuf.Type): F {
    let fn = this.built.get(type);
    if (fn === undefined) {
      fn = this.generate(type);
      this.built.set(type, fn);
    }
    return fn;
  }

  later(type: protobuf.Type): F {
    let fn = this.deferred.get(type);
    if (fn === undefined) {
      fn = this.defer(() => this.now(type));
      this.deferred.set(type, fn);
    }
    return fn;
  }
}

/** What one generated function's source refers to, by index: `c` constants, `n` nested functions, `e` enum names. */
export class SourceEnv<F> {
  readonly constants: unknown[] = [];
  readonly nested: F[] = [];
  readonly names: Array<Record<number, string | undefined>> = [];

  /** Source naming `value` (computed once, at generation). */
  readonly constant = (value: unknown): string => `c[${this.constants.push(value) - 1}]`;

  /** Source naming another generated function. */
  nestedFunction(fn: F): string {
    return `n[${this.nested.push(fn) - 1}]`;
  }

  /** Source naming an enum's value names by number. */
  enumNames(type: protobuf.Enum): string {
    return `e[${this.names.push(type.valuesById as Record<number, string | undefined>) - 1}]`;
  }
}

/** The type's fields, resolved, in field-number order (the order protobufjs' codecs use). */
export function fieldsInNumberOrder(type: protobuf.Type): protobuf.Field[] {
  const fields = type.fieldsArray.slice().sort((a, b) => a.id - b.id);
  for (const field of fields) field.resolve();
  return fields;
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
