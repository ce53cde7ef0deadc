import { DiffContext, type Difference } from '../difference.js';
import { compareArrays } from './array-diff.js';
import { jsonCompatibleChanges } from './changes.js';
import { compareCombined } from './combined-diff.js';
import type { CombinedNode, JsonNode } from './model.js';
import { compareObjects } from './object-diff.js';
import { compareConsts, compareEnums, compareNumbers, compareStrings } from './scalar-diff.js';

/** Everit's class hierarchy: `true` is an empty schema too, and a `$ref` stands for its target. */
const isEmptySchema = (node: JsonNode) => node.kind === 'empty' || node.kind === 'true';

function deref(node: JsonNode): JsonNode {
  let current = node;
  const seen = new Set<JsonNode>();
  while (current.kind === 'ref' && !seen.has(current)) {
    seen.add(current);
    current = current.resolve();
  }
  return current;
}

/**
 * Every difference between two JSON Schemas, named and located as Confluent's JSON Schema diff
 * does; `original` is the schema data was written with when judging backward compatibility.
 */
export function diffJsonSchemas(original: JsonNode, update: JsonNode): Difference[] {
  const inProgress = new Map<JsonNode, Set<JsonNode>>();

  const compare = (ctx: DiffContext, before: JsonNode | undefined, after: JsonNode | undefined): void => {
    if (!before && !after) return;
    if (!before || !after) {
      ctx.add(before ? 'SCHEMA_REMOVED' : 'SCHEMA_ADDED');
      return;
    }
    const o = deref(before);
    const u = deref(after);
    // A recursive schema meets the same pair again; that pair is judged where it first appeared.
    const pending = inProgress.get(o) ?? new Set<JsonNode>();
    if (pending.has(u)) return;
    pending.add(u);
    inProgress.set(o, pending);
    try {
      compareTypes(ctx, o, u);
    } finally {
      pending.delete(u);
    }
  };

  const compareTypes = (ctx: DiffContext, o: JsonNode, u: JsonNode): void => {
    if (o.kind !== 'combined' && u.kind === 'combined' && matchesOneBranch(ctx, o, u)) return;
    if (o.kind === 'combined' && u.kind !== 'combined' && narrowsToOneBranch(ctx, o, u)) return;
    if (o.kind !== u.kind) {
      // Nothing could be written with `false`, and an empty schema accepts everything.
      if (o.kind !== 'false' && !isEmptySchema(u)) ctx.add('TYPE_CHANGED');
      return;
    }
    if (o.id !== u.id) ctx.add('ID_CHANGED');
    if (o.title !== u.title) ctx.add('TITLE_CHANGED');
    if (o.description !== u.description) ctx.add('DESCRIPTION_CHANGED');
    if (JSON.stringify(o.defaultValue) !== JSON.stringify(u.defaultValue)) ctx.add('DEFAULT_CHANGED');
    if (o.kind === 'string' && u.kind === 'string') compareStrings(ctx, o, u);
    else if (o.kind === 'number' && u.kind === 'number') compareNumbers(ctx, o, u);
    else if (o.kind === 'const' && u.kind === 'const') compareConsts(ctx, o, u);
    else if (o.kind === 'enum' && u.kind === 'enum') compareEnums(ctx, o, u);
    else if (o.kind === 'combined' && u.kind === 'combined') compareCombined(ctx, o, u, compare);
    else if (o.kind === 'not' && u.kind === 'not') {
      ctx.at('not', () => {
        // What the update must not match may only shrink, so compare the wrapped schemas reversed.
        const sub = ctx.sub();
        compare(sub, u.schema, o.schema);
        ctx.add(sub.isCompatible() ? 'NOT_TYPE_NARROWED' : 'NOT_TYPE_EXTENDED');
      });
    } else if (o.kind === 'object' && u.kind === 'object') compareObjects(ctx, o, u, compare);
    else if (o.kind === 'array' && u.kind === 'array') compareArrays(ctx, o, u, compare);
  };

  /** A schema that became a union (or a one-branch wrapper) is fine if one branch still accepts it all. */
  const matchesOneBranch = (ctx: DiffContext, o: JsonNode, u: CombinedNode): boolean => {
    if (u.subschemas.length !== 1 && u.criterion === 'allOf') return false;
    for (const branch of u.subschemas) {
      const sub = ctx.sub();
      compare(sub, o, branch);
      if (sub.isCompatible()) {
        ctx.addAll(sub.differences);
        if (u.subschemas.length > 1) ctx.add('SUM_TYPE_EXTENDED');
        return true;
      }
      if (u.subschemas.length === 1) return false;
    }
    return false;
  };

  /** An allOf (or a one-branch wrapper) replaced by one of its parts only loosens the schema. */
  const narrowsToOneBranch = (ctx: DiffContext, o: CombinedNode, u: JsonNode): boolean => {
    if (o.subschemas.length !== 1 && o.criterion !== 'allOf') return false;
    for (const branch of o.subschemas) {
      const sub = ctx.sub();
      compare(sub, branch, u);
      if (sub.isCompatible()) {
        ctx.addAll(sub.differences);
        if (o.subschemas.length > 1) ctx.add('PRODUCT_TYPE_NARROWED');
        return true;
      }
      if (o.subschemas.length === 1) return false;
    }
    return false;
  };

  const ctx = new DiffContext(jsonCompatibleChanges);
  compare(ctx, original, update);
  return ctx.differences;
}
