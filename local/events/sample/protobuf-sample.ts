import protobuf from 'protobufjs';
import { UnsupportedSampleError } from '../errors.js';
import { SAMPLE_INSTANT, sampleInteger, sampleString } from './field-values.js';

interface Walk {
  readonly at: string;
  readonly n: number;
  readonly types: ReadonlySet<protobuf.Type>;
}

const floatTypes = new Set(['double', 'float']);
const int64Types = new Set(['int64', 'uint64', 'sint64', 'fixed64', 'sfixed64']);

/**
 * A plain object of a Protobuf message in the form the serde encodes (field names as declared,
 * enums by name, 64-bit integers as decimal strings as the serde decodes them), for sample `n`: every field set, one member per oneof, the
 * first enum value other than the proto3 zero value, one item per repeated field and map.
 */
export function protobufSample(type: protobuf.Type, n = 1): Record<string, unknown> {
  return messageOf(type, { at: '', n, types: new Set() });
}

function messageOf(type: protobuf.Type, walk: Walk): Record<string, unknown> {
  if (type.fullName === '.google.protobuf.Timestamp') return { seconds: SAMPLE_INSTANT / 1000, nanos: 0 };
  const types = new Set(walk.types).add(type);
  const out: Record<string, unknown> = {};
  const chosenOneofs = new Set<protobuf.OneOf>();
  for (const field of type.fieldsArray) {
    field.resolve();
    // proto3 `optional` is a synthetic oneof of one field; a real oneof holds one member at a time.
    if (field.partOf !== null && field.partOf !== undefined) {
      if (chosenOneofs.has(field.partOf)) continue;
      chosenOneofs.add(field.partOf);
    }
    const nested = field.resolvedType;
    // A message field that re-enters a type being built stays unset, as an empty message would.
    if (nested instanceof protobuf.Type && types.has(nested)) continue;
    const at = walk.at ? `${walk.at}.${field.name}` : field.name;
    const inner = { ...walk, at, types };
    if (field instanceof protobuf.MapField)
      out[field.name] = { [mapKey(field.keyType)]: sampleOf(field, inner) };
    else if (field.repeated) out[field.name] = [sampleOf(field, inner)];
    else out[field.name] = sampleOf(field, inner);
  }
  return out;
}

function sampleOf(field: protobuf.Field, walk: Walk): unknown {
  const resolved = field.resolvedType;
  if (resolved instanceof protobuf.Type) return messageOf(resolved, walk);
  if (resolved instanceof protobuf.Enum) {
    const entries = Object.entries(resolved.values);
    // The zero value is proto3's "unset"; a sample shows a real one when the enum has any.
    return (entries.find(([, number]) => number !== 0) ?? entries[0])?.[0];
  }
  switch (field.type) {
    case 'string':
      return sampleString(field.name, walk.n);
    case 'bytes':
      return Buffer.from(sampleString(field.name, walk.n)).toString('base64');
    case 'bool':
      return true;
    default:
      if (floatTypes.has(field.type)) return sampleInteger(field.name) / 100;
      if (int64Types.has(field.type)) return String(sampleInteger(field.name));
      if (field.type in protobuf.types.basic) return sampleInteger(field.name);
      throw new UnsupportedSampleError(`the Protobuf type ${field.type}`, walk.at);
  }
}

function mapKey(keyType: string): string {
  if (keyType === 'string') return 'key';
  return keyType === 'bool' ? 'true' : '1';
}
