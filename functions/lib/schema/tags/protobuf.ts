import protobuf from 'protobufjs';
import { addWellKnownProto } from '../well-known-protos.js';
import { childPath, type FieldTags } from './types.js';

/** The option name Confluent's field tags live under (`[(confluent.field_meta).tags = "PII"]`). */
const fieldMetaOption = '(confluent.field_meta)';

/**
 * Each field reachable from `message` (default: the file's first message) tagged with
 * `(confluent.field_meta).tags`, in either option syntax (`.tags = "PII"` or `= { tags: [...] }`).
 */
export function protobufFieldTags(definition: string, message?: string): FieldTags[] {
  const top = protobufMessage(definition, message);
  if (!top) return [];
  const found: FieldTags[] = [];
  walk(top, '', new Set(), found);
  return found;
}

/** A definition's message `message`, or its first one (the one a serde encodes by default), resolved. */
export function protobufMessage(definition: string, message?: string): protobuf.Type | undefined {
  const root = new protobuf.Root();
  const parsed = protobuf.parse(definition, root, { keepCase: true });
  for (const file of parsed.imports ?? []) addWellKnownProto(root, file);
  root.resolveAll();
  if (message) return root.lookupType(message.replace(/^\./, ''));
  const scope = parsed.package ? root.lookup(parsed.package) : root;
  return scope instanceof protobuf.Namespace
    ? scope.nestedArray.find((n): n is protobuf.Type => n instanceof protobuf.Type)
    : undefined;
}

/** The Confluent tags of one field, in either option syntax. */
export function protobufTagsOf(field: protobuf.Field): string[] {
  const tags: string[] = [];
  for (const option of field.parsedOptions ?? []) {
    const meta = (option as Record<string, { tags?: unknown } | undefined>)[fieldMetaOption];
    const value = meta?.tags;
    for (const tag of Array.isArray(value) ? value : value === undefined ? [] : [value]) {
      if (typeof tag === 'string') tags.push(tag);
    }
  }
  return tags;
}

function walk(type: protobuf.Type, path: string, onStack: Set<protobuf.Type>, found: FieldTags[]): void {
  if (onStack.has(type)) return;
  onStack.add(type);
  for (const field of type.fieldsArray) {
    const fieldPath = childPath(path, field.name);
    const tags = protobufTagsOf(field);
    found.push({ path: fieldPath, tags });
    const step = field.repeated ? '[]' : field instanceof protobuf.MapField ? '{}' : '';
    if (field.resolvedType instanceof protobuf.Type) {
      walk(field.resolvedType, `${fieldPath}${step}`, onStack, found);
    }
  }
  onStack.delete(type);
}
