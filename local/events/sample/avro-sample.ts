import avro from 'avsc';
import { UnsupportedSampleError } from '../errors.js';
import { sampleInteger, sampleString } from './field-values.js';

/** A walk's position: the field name values are picked by, and the records being built above it. */
interface Walk {
  readonly name: string;
  readonly at: string;
  readonly n: number;
  readonly records: ReadonlySet<string>;
}

/** A value of an Avro type in the form avsc encodes (plain objects, numbers for longs), for sample `n`. */
export function avroSample(type: avro.Type, n = 1): unknown {
  return sampleOf(type, { name: type.name ?? '', at: '', n, records: new Set() });
}

function sampleOf(type: avro.Type, walk: Walk): unknown {
  if (type instanceof avro.types.RecordType) return recordOf(type, walk);
  if (type instanceof avro.types.EnumType) return type.symbols[0];
  if (type instanceof avro.types.ArrayType) {
    return reenters(type.itemsType, walk) ? [] : [sampleOf(type.itemsType, { ...walk, at: `${walk.at}[0]` })];
  }
  if (type instanceof avro.types.MapType) {
    const values = type.valuesType as avro.Type;
    return reenters(values, walk) ? {} : { key: sampleOf(values, { ...walk, at: `${walk.at}.key` }) };
  }
  if (type instanceof avro.types.UnwrappedUnionType || type instanceof avro.types.WrappedUnionType) {
    // The first branch that carries data shows the shape; null only when nothing else can end the walk.
    const branch = type.types.find((t) => t.typeName !== 'null' && !reenters(t, walk));
    if (branch === undefined) return null;
    const value = sampleOf(branch, walk);
    return type instanceof avro.types.WrappedUnionType ? { [branch.branchName as string]: value } : value;
  }
  if (type instanceof avro.types.LogicalType) return sampleOf(type.underlyingType, walk);
  switch (type.typeName) {
    case 'string':
      return sampleString(walk.name, walk.n);
    case 'int':
    case 'long':
      return sampleInteger(walk.name);
    case 'float':
    case 'double':
      return sampleInteger(walk.name) / 100;
    case 'boolean':
      return true;
    case 'null':
      return null;
    default:
      // bytes and fixed have no JSON form the CLI's payload files can carry.
      throw new UnsupportedSampleError(`Avro ${type.typeName}`, walk.at);
  }
}

function recordOf(type: avro.types.RecordType, walk: Walk): Record<string, unknown> {
  if (walk.records.has(type.name ?? ''))
    throw new UnsupportedSampleError(`the recursive record ${type.name}`, walk.at);
  const records = new Set(walk.records).add(type.name ?? '');
  const out: Record<string, unknown> = {};
  for (const field of type.fields) {
    const fallback: unknown = field.defaultValue();
    const at = walk.at ? `${walk.at}.${field.name}` : field.name;
    // A schema's own non-null default is the most telling example of the field.
    out[field.name] =
      fallback !== undefined && fallback !== null
        ? fallback
        : sampleOf(field.type, { name: field.name, at, n: walk.n, records });
  }
  return out;
}

/** Whether a type is a record already being built on this path (a recursive schema). */
function reenters(type: avro.Type, walk: Walk): boolean {
  return type instanceof avro.types.RecordType && walk.records.has(type.name ?? '');
}
