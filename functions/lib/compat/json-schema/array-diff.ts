import type { DiffContext } from '../difference.js';
import { type CompareFn, compareBound } from './compare.js';
import { compareUnevaluated, coveredBy, isOpenArray, partialItemSchema } from './content-model.js';
import type { ArrayNode } from './model.js';

/** Confluent's ArraySchemaDiff: item schemas, tuple items against content models, bounds. */
export function compareArrays(
  ctx: DiffContext,
  original: ArrayNode,
  update: ArrayNode,
  compare: CompareFn,
): void {
  ctx.at('items', () => compare(ctx, original.allItems, update.allItems));
  compareTuple(ctx, original, update, compare);
  ctx.at('additionalItems', () => {
    if (original.permitsAdditional !== update.permitsAdditional) {
      ctx.add(original.permitsAdditional ? 'ADDITIONAL_ITEMS_REMOVED' : 'ADDITIONAL_ITEMS_ADDED');
    } else if (!original.additionalSchema && update.additionalSchema) ctx.add('ADDITIONAL_ITEMS_NARROWED');
    else if (original.additionalSchema && !update.additionalSchema) ctx.add('ADDITIONAL_ITEMS_EXTENDED');
    else compare(ctx, original.additionalSchema, update.additionalSchema);
  });
  const unevaluated = compareUnevaluated(original.unevaluated, update.unevaluated, 'UNEVALUATED_ITEMS');
  if (unevaluated !== undefined) {
    ctx.at('unevaluatedItems', () => {
      if (unevaluated === 'compare') compare(ctx, original.unevaluated, update.unevaluated);
      else ctx.add(unevaluated);
    });
  }
  compareBound(ctx, 'maxItems', 'MAX_ITEMS', original.maxItems, update.maxItems);
  compareBound(ctx, 'minItems', 'MIN_ITEMS', original.minItems, update.minItems);
  if (original.uniqueItems !== update.uniqueItems) {
    ctx.add(original.uniqueItems ? 'UNIQUE_ITEMS_REMOVED' : 'UNIQUE_ITEMS_ADDED', 'uniqueItems');
  }
  compareBound(ctx, 'maxContains', 'MAX_CONTAINS', original.maxContains, update.maxContains);
  compareBound(ctx, 'minContains', 'MIN_CONTAINS', original.minContains, update.minContains);
}

function compareTuple(ctx: DiffContext, original: ArrayNode, update: ArrayNode, compare: CompareFn): void {
  const length = Math.max(original.itemList.length, update.itemList.length);
  for (let index = 0; index < length; index += 1) {
    const before = original.itemList[index];
    const after = update.itemList[index];
    ctx.at(`items/${index}`, () => {
      if (before && after) compare(ctx, before, after);
      else if (before) {
        if (isOpenArray(update)) ctx.add('ITEM_REMOVED_FROM_OPEN_CONTENT_MODEL');
        else {
          const partial = partialItemSchema(update);
          if (partial) coveredBy(ctx, compare, before, partial, 'ITEM_REMOVED');
          else {
            ctx.add(
              before.kind === 'false'
                ? 'ITEM_WITH_FALSE_REMOVED_FROM_CLOSED_CONTENT_MODEL'
                : 'ITEM_REMOVED_FROM_CLOSED_CONTENT_MODEL',
            );
          }
        }
      } else if (after) {
        if (isOpenArray(original)) {
          ctx.add(
            after.kind === 'empty' || after.kind === 'true'
              ? 'ITEM_WITH_EMPTY_SCHEMA_ADDED_TO_OPEN_CONTENT_MODEL'
              : 'ITEM_ADDED_TO_OPEN_CONTENT_MODEL',
          );
        } else {
          const partial = partialItemSchema(original);
          if (partial) coveredBy(ctx, compare, partial, after, 'ITEM_ADDED');
          else ctx.add('ITEM_ADDED_TO_CLOSED_CONTENT_MODEL');
        }
      }
    });
  }
}
