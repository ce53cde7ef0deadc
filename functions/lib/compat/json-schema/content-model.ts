import type { DiffContext } from '../difference.js';
import type { CompareFn } from './compare.js';
import type { ArrayNode, JsonNode, ObjectNode } from './model.js';

const isEmpty = (node: JsonNode | undefined) => node?.kind === 'empty' || node?.kind === 'true';

/**
 * Open content model: anything not declared is allowed (`additionalProperties` absent or true,
 * no pattern properties, `unevaluatedProperties` absent or true).
 */
export function isOpenObject(node: ObjectNode): boolean {
  if (!node.permitsAdditional || node.additionalSchema || node.patternProperties.length > 0) return false;
  return node.unevaluated === undefined || isEmpty(node.unevaluated);
}

/** The schema an undeclared property must match in a partially open content model, if any. */
export function partialPropertySchema(node: ObjectNode, property: string): JsonNode | undefined {
  for (const [pattern, schema] of node.patternProperties) if (pattern.test(property)) return schema;
  return node.additionalSchema ?? constrainingUnevaluated(node);
}

/** The `unevaluated*` schema that constrains what is otherwise permitted (not false, not empty). */
function constrainingUnevaluated(node: ObjectNode | ArrayNode): JsonNode | undefined {
  const unevaluated = node.permitsAdditional ? node.unevaluated : undefined;
  return unevaluated && unevaluated.kind !== 'false' && !isEmpty(unevaluated) ? unevaluated : undefined;
}

export function isOpenArray(node: ArrayNode): boolean {
  if (!node.permitsAdditional || node.additionalSchema) return false;
  return node.unevaluated === undefined || isEmpty(node.unevaluated);
}

export function partialItemSchema(node: ArrayNode): JsonNode | undefined {
  return node.additionalSchema ?? constrainingUnevaluated(node);
}

/** `unevaluated*` and `additional*` keywords change in the same four ways; Confluent names them alike. */
export function compareUnevaluated(
  original: JsonNode | undefined,
  update: JsonNode | undefined,
  prefix: 'UNEVALUATED_PROPERTIES' | 'UNEVALUATED_ITEMS',
): string | 'compare' | undefined {
  if (original === undefined && update === undefined) return undefined;
  if (original === undefined) return update?.kind === 'false' ? `${prefix}_REMOVED` : `${prefix}_NARROWED`;
  if (update === undefined) return original.kind === 'false' ? `${prefix}_ADDED` : `${prefix}_EXTENDED`;
  if (original.kind === 'false' && update.kind !== 'false') return `${prefix}_ADDED`;
  if (original.kind !== 'false' && update.kind === 'false') return `${prefix}_REMOVED`;
  if (isEmpty(original) && !isEmpty(update)) return `${prefix}_NARROWED`;
  if (!isEmpty(original) && isEmpty(update)) return `${prefix}_EXTENDED`;
  return 'compare';
}

/** A property or item one side lacks is judged against the schema the other side's partially open model gives it. */
export function coveredBy(
  ctx: DiffContext,
  compare: CompareFn,
  original: JsonNode,
  update: JsonNode,
  change: 'PROPERTY_ADDED' | 'PROPERTY_REMOVED' | 'ITEM_ADDED' | 'ITEM_REMOVED',
): void {
  const sub = ctx.sub();
  compare(sub, original, update);
  ctx.addAll(sub.differences);
  ctx.add(
    sub.isCompatible()
      ? `${change}_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL`
      : `${change}_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL`,
  );
}
