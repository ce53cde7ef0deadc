import protobuf from 'protobufjs';
import { protobufMessage, protobufTagsOf } from '../../schema/tags/protobuf.js';
import { FieldEncryptionError } from './errors.js';
import type { FieldPlan } from './field-plan.js';

/**
 * The tagged fields of a Protobuf definition's first message (the one the serde encodes by
 * default), nested messages, repeated fields and map values included; undefined when none carries
 * one of `wanted`. Only string and bytes fields can be encrypted, as in Confluent's executor.
 */
export function protobufPlan(definition: string, wanted: ReadonlySet<string>): FieldPlan | undefined {
  const top = protobufMessage(definition);
  return top && messagePlan(top, wanted, '', new Set());
}

function messagePlan(
  type: protobuf.Type,
  wanted: ReadonlySet<string>,
  path: string,
  walking: Set<protobuf.Type>,
): FieldPlan | undefined {
  // A recursive message is not followed: its values have no bounded shape to plan.
  if (walking.has(type)) return undefined;
  walking.add(type);
  const fields: [string, FieldPlan][] = [];
  for (const field of type.fieldsArray) {
    const plan = fieldPlanOf(field, wanted, `${path}.${field.name}`, walking);
    if (plan !== undefined) fields.push([field.name, plan]);
  }
  walking.delete(type);
  return fields.length > 0 ? { kind: 'record', fields } : undefined;
}

function fieldPlanOf(
  field: protobuf.Field,
  wanted: ReadonlySet<string>,
  path: string,
  walking: Set<protobuf.Type>,
): FieldPlan | undefined {
  const isMap = field instanceof protobuf.MapField;
  // Paths name items and map values as the schema tags do: `others[].street`, `byName{}.street`.
  const inner = isMap ? `${path}{}` : field.repeated ? `${path}[]` : path;
  const value =
    field.resolvedType instanceof protobuf.Type
      ? messagePlan(field.resolvedType, wanted, inner, walking)
      : tagged(field, wanted)
        ? leaf(field.type, path)
        : undefined;
  if (value === undefined) return undefined;
  if (isMap) return { kind: 'map', values: value };
  return field.repeated ? { kind: 'array', items: value } : value;
}

function tagged(field: protobuf.Field, wanted: ReadonlySet<string>): boolean {
  return protobufTagsOf(field).some((tag) => wanted.has(tag));
}

function leaf(type: string, path: string): FieldPlan {
  if (type === 'string' || type === 'bytes') return { kind: 'leaf', leaf: type, path: path.slice(1) };
  throw new FieldEncryptionError(
    `field ${path.slice(1)} is tagged for encryption but is Protobuf ${type}; only string and bytes fields can be encrypted`,
  );
}
