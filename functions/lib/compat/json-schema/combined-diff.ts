import type { DiffContext, Difference } from '../difference.js';
import type { CompareFn } from './compare.js';
import type { CombinedNode, JsonNode } from './model.js';

const unique = (nodes: readonly JsonNode[]) => [...new Map(nodes.map((n) => [n.key, n])).values()];

/**
 * Confluent's CombinedSchemaDiff: the criterion may only widen (to anyOf, or between singletons),
 * a sum type (anyOf/oneOf) may gain branches, a product (allOf) may lose them, and the smaller
 * side's subschemas must each pair with a compatible subschema of the other (a maximum matching).
 */
export function compareCombined(
  ctx: DiffContext,
  original: CombinedNode,
  update: CombinedNode,
  compare: CompareFn,
): void {
  const originals = unique(original.subschemas);
  const updates = unique(update.subschemas);
  if (original.criterion !== update.criterion) {
    const singleton = (n: readonly JsonNode[]) => n.length === 1;
    const widened =
      update.criterion === 'anyOf' ||
      (singleton(originals) && singleton(updates)) ||
      (singleton(originals) && update.criterion === 'oneOf') ||
      (singleton(updates) && original.criterion === 'allOf');
    if (!widened) {
      ctx.add('COMBINED_TYPE_CHANGED');
      return;
    }
    ctx.add('COMBINED_TYPE_EXTENDED');
  }
  if (originals.length < updates.length) {
    ctx.add(update.criterion === 'allOf' ? 'PRODUCT_TYPE_EXTENDED' : 'SUM_TYPE_EXTENDED');
  } else if (originals.length > updates.length) {
    ctx.add(original.criterion === 'allOf' ? 'PRODUCT_TYPE_NARROWED' : 'SUM_TYPE_NARROWED');
  }
  const edges = originals.map((before, index) =>
    ctx.at(`${original.criterion}/${index}`, () =>
      updates.map((after) => {
        const sub = ctx.sub();
        compare(sub, before, after);
        return sub.isCompatible() ? sub.differences : undefined;
      }),
    ),
  );
  const matching = maximumMatching(edges, updates.length);
  for (const [from, to] of matching) ctx.addAll(edges[from]?.[to] ?? []);
  if (matching.length < Math.min(originals.length, updates.length))
    ctx.add('COMBINED_TYPE_SUBSCHEMAS_CHANGED');
}

/** Kuhn's augmenting paths over the compatible pairs; subschema lists are short, so this is cheap. */
function maximumMatching(
  edges: readonly (readonly (readonly Difference[] | undefined)[])[],
  right: number,
): [number, number][] {
  const owner: (number | undefined)[] = new Array(right).fill(undefined);
  const augment = (from: number, seen: boolean[]): boolean => {
    for (let to = 0; to < right; to += 1) {
      if (!edges[from]?.[to] || seen[to]) continue;
      seen[to] = true;
      const current = owner[to];
      if (current === undefined || augment(current, seen)) {
        owner[to] = from;
        return true;
      }
    }
    return false;
  };
  for (let from = 0; from < edges.length; from += 1) augment(from, new Array(right).fill(false));
  return owner.flatMap((from, to) => (from === undefined ? [] : [[from, to] as [number, number]]));
}
