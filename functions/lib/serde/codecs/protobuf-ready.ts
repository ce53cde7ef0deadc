import protobuf from 'protobufjs';

type Ready = (value: unknown) => boolean;

const readiness = new WeakMap<protobuf.Type, Ready>();
const int32Min = -0x80000000;
const int32End = 0x80000000;
const uint32End = 0x100000000;

/**
 * Whether protobufjs' generated encoder can take this plain object as it is and write the
 * same bytes as after `fromObject`: a plain object of known fields whose values are already
 * in the encoder's form (enums and 32-bit integers as in-range numbers, 64-bit integers as
 * safe integers or decimal strings, bytes as Uint8Array). A value that is also valid but
 * needs converting (an enum by name, a base64 string) answers false and takes the
 * checked, converting path; so does every invalid value.
 */
export function encoderReady(type: protobuf.Type): Ready {
  let ready = readiness.get(type);
  if (ready === undefined) {
    // Registered before it is built, so a recursive message type finds itself.
    const fields = new Map<string, Ready>();
    ready = (value) => readyMessage(fields, value);
    readiness.set(type, ready);
    for (const field of type.fieldsArray) fields.set(field.name, fieldReady(field.resolve()));
  }
  return ready;
}

function readyMessage(fields: ReadonlyMap<string, Ready>, value: unknown): boolean {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return false;
  const record = value as Record<string, unknown>;
  for (const key in record) {
    const ready = fields.get(key);
    if (ready === undefined) return false;
    const v = record[key];
    if (v != null && !ready(v)) return false;
  }
  return true;
}

function fieldReady(field: protobuf.Field): Ready {
  const item = valueReady(field);
  if (item === undefined) return () => false;
  if (field.map) {
    return (v) => {
      if (typeof v !== 'object' || Array.isArray(v)) return false;
      for (const key in v as Record<string, unknown>) {
        if (!item((v as Record<string, unknown>)[key])) return false;
      }
      return true;
    };
  }
  if (field.repeated) {
    return (v) => {
      if (!Array.isArray(v)) return false;
      for (const x of v) if (!item(x)) return false;
      return true;
    };
  }
  return item;
}

/** undefined for values that always need protobufjs' conversion (Any's JSON form). */
function valueReady(field: protobuf.Field): Ready | undefined {
  const resolved = field.resolvedType;
  if (resolved instanceof protobuf.Enum) return (v) => Number.isInteger(v);
  if (resolved instanceof protobuf.Type) {
    return resolved.fullName === '.google.protobuf.Any' ? undefined : encoderReady(resolved);
  }
  switch (field.type) {
    case 'string':
      return (v) => typeof v === 'string';
    case 'bool':
      return (v) => typeof v === 'boolean';
    case 'double':
    case 'float':
      return (v) => typeof v === 'number';
    case 'bytes':
      return (v) => v instanceof Uint8Array;
    case 'int32':
    case 'sint32':
    case 'sfixed32':
      return (v) => Number.isInteger(v) && (v as number) >= int32Min && (v as number) < int32End;
    case 'uint32':
    case 'fixed32':
      return (v) => Number.isInteger(v) && (v as number) >= 0 && (v as number) < uint32End;
    default:
      // 64-bit integers: protobufjs' writer parses decimal strings with Long as fromObject does.
      return (v) => Number.isSafeInteger(v) || (typeof v === 'string' && /^-?\d+$/.test(v));
  }
}
