import protobuf from 'protobufjs';

const int32Types = new Set(['int32', 'uint32', 'sint32', 'fixed32', 'sfixed32']);
const int64Types = new Set(['int64', 'uint64', 'sint64', 'fixed64', 'sfixed64']);
const floatTypes = new Set(['double', 'float']);

/**
 * Problems of a plain object against a message type, in the object form the serde reads and
 * writes (int64 as decimal strings or numbers, enums by name or number). protobufjs'
 * fromObject coerces silently (42 becomes "42") and verify() wants runtime messages, so
 * neither catches a wrong value on its own.
 */
export function checkMessage(type: protobuf.Type, value: unknown, path = ''): string[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return [`${path || '(root)'}: object expected for ${type.name}`];
  }
  const problems: string[] = [];
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const field = type.fields[key];
    const at = path ? `${path}.${key}` : key;
    if (field === undefined) {
      problems.push(`${at}: no such field in ${type.name}`);
      continue;
    }
    const v = record[key];
    if (v === undefined || v === null) continue;
    field.resolve();
    if (field instanceof protobuf.MapField) {
      if (typeof v !== 'object' || Array.isArray(v)) problems.push(`${at}: map (object) expected`);
      else
        for (const [k, item] of Object.entries(v)) problems.push(...checkScalar(field, item, `${at}.${k}`));
    } else if (field.repeated) {
      if (!Array.isArray(v)) problems.push(`${at}: array expected`);
      else for (const [i, item] of v.entries()) problems.push(...checkScalar(field, item, `${at}[${i}]`));
    } else {
      problems.push(...checkScalar(field, v, at));
    }
  }
  return problems;
}

function checkScalar(field: protobuf.Field, v: unknown, at: string): string[] {
  const resolved = field.resolvedType;
  if (resolved instanceof protobuf.Type) return checkMessage(resolved, v, at);
  if (resolved instanceof protobuf.Enum) {
    const ok = typeof v === 'number' ? Number.isInteger(v) : typeof v === 'string' && v in resolved.values;
    return ok ? [] : [`${at}: ${JSON.stringify(v)} is not a value of enum ${resolved.name}`];
  }
  const t = field.type;
  const ok =
    t === 'string'
      ? typeof v === 'string'
      : t === 'bool'
        ? typeof v === 'boolean'
        : t === 'bytes'
          ? v instanceof Uint8Array || typeof v === 'string'
          : int32Types.has(t)
            ? Number.isInteger(v)
            : int64Types.has(t)
              ? Number.isInteger(v) || (typeof v === 'string' && /^-?\d+$/.test(v)) || isLong(v)
              : floatTypes.has(t)
                ? typeof v === 'number'
                : true;
  return ok ? [] : [`${at}: ${JSON.stringify(v)} is not a ${t}`];
}

function isLong(v: unknown): boolean {
  return typeof v === 'object' && v !== null && 'low' in v && 'high' in v;
}
