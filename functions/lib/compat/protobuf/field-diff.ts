import type { DiffContext } from '../difference.js';
import { scalarGroups } from './changes.js';
import type { FieldType, Label, ProtoField, ProtoMessage } from './model.js';

/** Compares two messages that a field of each side names; set by the message diff (they recurse). */
export type CompareMessages = (ctx: DiffContext, original: ProtoMessage, update: ProtoMessage) => void;

const kindOf = (type: FieldType) => (type.kind === 'enum' ? 'scalar' : type.kind);
const groupOf = (type: FieldType) =>
  type.kind === 'enum' ? 'GENERAL_NUMBER' : type.kind === 'scalar' ? scalarGroups[type.scalar] : undefined;

/** Confluent's FieldSchemaDiff: name, kind (scalar / message / map), scalar wire group, label, named type. */
export function compareFields(
  ctx: DiffContext,
  original: ProtoField,
  update: ProtoField,
  messages: CompareMessages,
): void {
  if (original.name !== update.name) ctx.add('FIELD_NAME_CHANGED');
  compareTypes(ctx, original.label, update.label, original.type(), update.type(), messages);
}

function compareTypes(
  ctx: DiffContext,
  originalLabel: Label | undefined,
  updateLabel: Label | undefined,
  original: FieldType,
  update: FieldType,
  messages: CompareMessages,
): void {
  if (kindOf(original) !== kindOf(update)) {
    ctx.add('FIELD_KIND_CHANGED');
    return;
  }
  if (original.kind === 'map' && update.kind === 'map') {
    compareTypes(ctx, undefined, undefined, original.key, update.key, messages);
    compareTypes(ctx, undefined, undefined, original.value, update.value, messages);
    return;
  }
  if (original.kind === 'message' && update.kind === 'message') {
    compareNamedTypes(ctx, original, update, messages);
    return;
  }
  const group = groupOf(original);
  if (group !== groupOf(update)) {
    ctx.add('FIELD_SCALAR_KIND_CHANGED');
    return;
  }
  // A label only counts when both sides wrote one (proto3 fields without a label are not compared).
  if (originalLabel === undefined || updateLabel === undefined || originalLabel === updateLabel) return;
  ctx.add(
    group === 'STRING_OR_BYTES' ? 'FIELD_STRING_OR_BYTES_LABEL_CHANGED' : 'FIELD_NUMERIC_LABEL_CHANGED',
  );
}

function compareNamedTypes(
  ctx: DiffContext,
  original: Extract<FieldType, { kind: 'message' }>,
  update: Extract<FieldType, { kind: 'message' }>,
  messages: CompareMessages,
): void {
  if (original.localName !== update.localName) {
    ctx.add('FIELD_NAMED_TYPE_CHANGED');
    return;
  }
  // The same name may hide a changed message; it is judged where it is defined, from its own path.
  const sub = ctx.root(original.localName.split('.'));
  messages(sub, original.message, update.message);
  ctx.addAll(sub.differences);
  if (!sub.isCompatible()) ctx.add('FIELD_NAMED_TYPE_CHANGED');
}
