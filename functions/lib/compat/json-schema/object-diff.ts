import type { DiffContext } from '../difference.js';
import { type CompareFn, compareBound } from './compare.js';
import { compareUnevaluated, coveredBy, isOpenObject, partialPropertySchema } from './content-model.js';
import type { ObjectNode } from './model.js';

/** Confluent's ObjectSchemaDiff: required, properties against content models, dependencies, bounds. */
export function compareObjects(
  ctx: DiffContext,
  original: ObjectNode,
  update: ObjectNode,
  compare: CompareFn,
): void {
  compareRequired(ctx, original, update);
  ctx.at('properties', () => {
    const names = new Set([...original.properties.keys(), ...update.properties.keys()]);
    for (const name of names) ctx.at(name, () => compareProperty(ctx, name, original, update, compare));
  });
  compareDependencies(ctx, original, update, compare);
  ctx.at('additionalProperties', () => {
    if (original.permitsAdditional !== update.permitsAdditional) {
      ctx.add(update.permitsAdditional ? 'ADDITIONAL_PROPERTIES_ADDED' : 'ADDITIONAL_PROPERTIES_REMOVED');
    } else if (!original.additionalSchema && update.additionalSchema)
      ctx.add('ADDITIONAL_PROPERTIES_NARROWED');
    else if (original.additionalSchema && !update.additionalSchema) ctx.add('ADDITIONAL_PROPERTIES_EXTENDED');
    else compare(ctx, original.additionalSchema, update.additionalSchema);
  });
  const unevaluated = compareUnevaluated(original.unevaluated, update.unevaluated, 'UNEVALUATED_PROPERTIES');
  if (unevaluated !== undefined) {
    ctx.at('unevaluatedProperties', () => {
      if (unevaluated === 'compare') compare(ctx, original.unevaluated, update.unevaluated);
      else ctx.add(unevaluated);
    });
  }
  compareBound(ctx, 'maxProperties', 'MAX_PROPERTIES', original.maxProperties, update.maxProperties);
  compareBound(ctx, 'minProperties', 'MIN_PROPERTIES', original.minProperties, update.minProperties);
}

function compareRequired(ctx: DiffContext, original: ObjectNode, update: ObjectNode): void {
  ctx.at('required', () => {
    for (const name of original.properties.keys()) {
      const property = update.properties.get(name);
      if (!property) continue;
      const before = original.required.has(name);
      const after = update.required.has(name);
      if (before && !after) ctx.add('REQUIRED_ATTRIBUTE_REMOVED', name);
      else if (!before && after) {
        ctx.add(
          property.hasDefault ? 'REQUIRED_ATTRIBUTE_WITH_DEFAULT_ADDED' : 'REQUIRED_ATTRIBUTE_ADDED',
          name,
        );
      }
    }
  });
}

/** A property known to one side only is judged by the other side's content model. */
function compareProperty(
  ctx: DiffContext,
  name: string,
  original: ObjectNode,
  update: ObjectNode,
  compare: CompareFn,
): void {
  const before = original.properties.get(name);
  const after = update.properties.get(name);
  if (before && after) {
    compare(ctx, before, after);
    return;
  }
  if (before) {
    // Removing is safe only where the update still accepts what the property held.
    if (isOpenObject(update)) {
      ctx.add('PROPERTY_REMOVED_FROM_OPEN_CONTENT_MODEL');
      return;
    }
    const partial = partialPropertySchema(update, name);
    if (partial) {
      coveredBy(ctx, compare, before, partial, 'PROPERTY_REMOVED');
      return;
    }
    ctx.add(
      before.kind === 'false'
        ? 'PROPERTY_WITH_FALSE_REMOVED_FROM_CLOSED_CONTENT_MODEL'
        : 'PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL',
    );
    return;
  }
  if (!after) return;
  // Adding is safe only where the original could not have held the property in another shape.
  if (isOpenObject(original)) {
    if (after.kind === 'empty' || after.kind === 'true') {
      ctx.add('PROPERTY_WITH_EMPTY_SCHEMA_ADDED_TO_OPEN_CONTENT_MODEL');
    } else if (update.required.has(name)) {
      ctx.add(
        after.hasDefault
          ? 'REQUIRED_PROPERTY_WITH_DEFAULT_ADDED_TO_OPEN_CONTENT_MODEL'
          : 'REQUIRED_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL',
      );
    } else ctx.add('OPTIONAL_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL');
    return;
  }
  const partial = partialPropertySchema(original, name);
  if (partial) coveredBy(ctx, compare, partial, after, 'PROPERTY_ADDED');
  if (update.required.has(name)) {
    ctx.add(
      after.hasDefault
        ? 'REQUIRED_PROPERTY_WITH_DEFAULT_ADDED_TO_UNOPEN_CONTENT_MODEL'
        : 'REQUIRED_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL',
    );
  } else ctx.add('OPTIONAL_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL');
}

function compareDependencies(
  ctx: DiffContext,
  original: ObjectNode,
  update: ObjectNode,
  compare: CompareFn,
): void {
  ctx.at('dependencies', () => {
    const arrays = new Set([...original.propertyDependencies.keys(), ...update.propertyDependencies.keys()]);
    for (const name of arrays) {
      const before = original.propertyDependencies.get(name);
      const after = update.propertyDependencies.get(name);
      if (!after) ctx.add('DEPENDENCY_ARRAY_REMOVED', name);
      else if (!before) ctx.add('DEPENDENCY_ARRAY_ADDED', name);
      else {
        const grew = before.every((p) => after.includes(p));
        const shrank = after.every((p) => before.includes(p));
        if (grew && shrank) continue;
        ctx.add(
          grew
            ? 'DEPENDENCY_ARRAY_EXTENDED'
            : shrank
              ? 'DEPENDENCY_ARRAY_NARROWED'
              : 'DEPENDENCY_ARRAY_CHANGED',
          name,
        );
      }
    }
    const schemas = new Set([...original.schemaDependencies.keys(), ...update.schemaDependencies.keys()]);
    for (const name of schemas) {
      const before = original.schemaDependencies.get(name);
      const after = update.schemaDependencies.get(name);
      if (!after) ctx.add('DEPENDENCY_SCHEMA_REMOVED', name);
      else if (!before) ctx.add('DEPENDENCY_SCHEMA_ADDED', name);
      else ctx.at(name, () => compare(ctx, before, after));
    }
  });
}
