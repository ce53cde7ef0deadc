import type { DiffContext } from '../difference.js';
import type { JsonNode } from './model.js';

/** Compares two (optional) schemas at the context's current path; the recursion every diff file goes through. */
export type CompareFn = (
  ctx: DiffContext,
  original: JsonNode | undefined,
  update: JsonNode | undefined,
) => void;

/** Adds ADDED / REMOVED / INCREASED / DECREASED for a numeric bound, as Confluent names them. */
export function compareBound(
  ctx: DiffContext,
  attribute: string,
  prefix: string,
  original: number | undefined,
  update: number | undefined,
): void {
  if (original === update) return;
  if (original === undefined) ctx.add(`${prefix}_ADDED`, attribute);
  else if (update === undefined) ctx.add(`${prefix}_REMOVED`, attribute);
  else ctx.add(original < update ? `${prefix}_INCREASED` : `${prefix}_DECREASED`, attribute);
}
