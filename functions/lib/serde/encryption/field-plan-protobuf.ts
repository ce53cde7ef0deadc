import protobuf from 'protobufjs';
import { addWellKnownProto } from '../../schema/well-known-protos.js';
import { FieldEncryptionError } from './errors.js';
import type { FieldPlan } from './field-plan.js';

/** Confluent's field tags option (`[(confluent.field_meta).tags = "PII"]`). */
const fieldMetaOption = '(confluent.field_meta)';

/**
 * The tagged fields of a Protobuf definition's first message (the one the serde encodes by
 * default), nested messages, repeated fields and map values included; undefined when none carries
 * one of `wanted`. Only string and bytes fields can be encrypted, as in Confluent's executor.
 */
export function protobufPlan(definition: string, wanted: ReadonlySet<string>): FieldPlan | undefined {
  const root = new protobuf.Root();
  const parsed = protobuf.parse(definition, root, { keepCase: true });
  for (const file of parsed.imports ?? []) addWellKnownProto(root, file);
  root.resolveAll();
  const scope = parsed.package ? root.lookup(parsed.package) : root;
  const top =
    scope instanceof protobuf.Namespace
      ? scope.nestedArray.find((n): n is protobuf.Type => n instanceof protobuf.Type)
      : undefined;
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
  for (const option of field.parsedOptions ?? []) {
    const tags = (option as Record<string, { tags?: unknown } | undefined>)[fieldMetaOption]?.tags;
    for (const tag of Array.isArray(tags) ? tags : [tags]) if (wanted.has(tag as string)) return true;
  }
  return false;
}

function leaf(type: string, path: string): FieldPlan {
  if (type === 'string' || type === 'bytes') return { kind: 'leaf', leaf: type, path: path.slice(1) };
  throw new FieldEncryptionError(
    `field ${path.slice(1)} is tagged for encryption but is Protobuf ${type}; only string and bytes fields can be encrypted`,
  );
}
