import type { DiffContext } from '../difference.js';
import { compareBound } from './compare.js';
import type { JsonNode, NumberNode, StringNode } from './model.js';

export function compareStrings(ctx: DiffContext, original: StringNode, update: StringNode): void {
  compareBound(ctx, 'maxLength', 'MAX_LENGTH', original.maxLength, update.maxLength);
  compareBound(ctx, 'minLength', 'MIN_LENGTH', original.minLength, update.minLength);
  if (original.pattern === update.pattern) return;
  if (original.pattern === undefined) ctx.add('PATTERN_ADDED', 'pattern');
  else if (update.pattern === undefined) ctx.add('PATTERN_REMOVED', 'pattern');
  else ctx.add('PATTERN_CHANGED', 'pattern');
}

export function compareNumbers(ctx: DiffContext, original: NumberNode, update: NumberNode): void {
  compareBound(ctx, 'maximum', 'MAXIMUM', original.maximum, update.maximum);
  compareBound(ctx, 'minimum', 'MINIMUM', original.minimum, update.minimum);
  compareBound(
    ctx,
    'exclusiveMaximum',
    'EXCLUSIVE_MAXIMUM',
    original.exclusiveMaximum,
    update.exclusiveMaximum,
  );
  compareBound(
    ctx,
    'exclusiveMinimum',
    'EXCLUSIVE_MINIMUM',
    original.exclusiveMinimum,
    update.exclusiveMinimum,
  );
  compareMultipleOf(ctx, original.multipleOf, update.multipleOf);
  // integer -> number widens what is accepted; number -> integer narrows it.
  if (original.integer !== update.integer) ctx.add(original.integer ? 'TYPE_EXTENDED' : 'TYPE_NARROWED');
}

/** Whether `value` is a whole multiple of `step`, tolerant of binary fractions (0.1 * 3). */
function isMultiple(value: number, step: number): boolean {
  const quotient = value / step;
  return Math.abs(quotient - Math.round(quotient)) < 1e-9;
}

function compareMultipleOf(ctx: DiffContext, original: number | undefined, update: number | undefined): void {
  if (original === update) return;
  if (original === undefined) ctx.add('MULTIPLE_OF_ADDED', 'multipleOf');
  else if (update === undefined) ctx.add('MULTIPLE_OF_REMOVED', 'multipleOf');
  else if (original !== 0 && isMultiple(update, original)) ctx.add('MULTIPLE_OF_EXPANDED', 'multipleOf');
  else if (update !== 0 && isMultiple(original, update)) ctx.add('MULTIPLE_OF_REDUCED', 'multipleOf');
  else ctx.add('MULTIPLE_OF_CHANGED', 'multipleOf');
}

const canonical = (value: unknown) => JSON.stringify(value);

type EnumNode = Extract<JsonNode, { kind: 'enum' }>;

export function compareEnums(ctx: DiffContext, original: EnumNode, update: EnumNode): void {
  const before = new Set(original.values.map(canonical));
  const after = new Set(update.values.map(canonical));
  if (before.size === after.size && [...before].every((v) => after.has(v))) return;
  if ([...before].every((v) => after.has(v))) ctx.add('ENUM_ARRAY_EXTENDED', 'enum');
  else if ([...after].every((v) => before.has(v))) ctx.add('ENUM_ARRAY_NARROWED', 'enum');
  else ctx.add('ENUM_ARRAY_CHANGED', 'enum');
}

type ConstNode = Extract<JsonNode, { kind: 'const' }>;

export function compareConsts(ctx: DiffContext, original: ConstNode, update: ConstNode): void {
  if (canonical(original.value) !== canonical(update.value)) ctx.add('ENUM_ARRAY_CHANGED', 'const');
}
