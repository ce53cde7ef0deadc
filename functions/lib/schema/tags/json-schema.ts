import { childPath, confluentTagsProperty, type FieldTags, tagList } from './types.js';

type JsonNode = { readonly [key: string]: unknown };

/** Each JSON Schema property with `"confluent:tags"`, following local `$ref`s and combinators. */
export function jsonSchemaFieldTags(schema: unknown): FieldTags[] {
  const found = new Map<string, Set<string>>();
  walk(schema as JsonNode, schema as JsonNode, '', new Set(), found);
  return [...found].map(([path, tags]) => ({ path, tags: [...tags] }));
}

/** `#/definitions/Address` or `#/$defs/Address` inside the same document. */
function resolveRef(root: JsonNode, ref: string): JsonNode | undefined {
  if (!ref.startsWith('#/')) return undefined;
  let node: unknown = root;
  for (const part of ref.slice(2).split('/')) {
    node = (node as JsonNode | undefined)?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return typeof node === 'object' && node !== null ? (node as JsonNode) : undefined;
}

function walk(
  root: JsonNode,
  node: JsonNode,
  path: string,
  onStack: Set<JsonNode>,
  found: Map<string, Set<string>>,
): void {
  if (typeof node !== 'object' || node === null || onStack.has(node)) return;
  onStack.add(node);
  const tags = tagList(node[confluentTagsProperty]);
  if (path !== '') {
    // A property tagged both on itself and inside a combinator branch is one field.
    const known = found.get(path) ?? new Set<string>();
    for (const tag of tags) known.add(tag);
    found.set(path, known);
  }
  if (typeof node.$ref === 'string') {
    const target = resolveRef(root, node.$ref);
    if (target) walk(root, target, path, onStack, found);
  }
  for (const [name, child] of Object.entries((node.properties as Record<string, JsonNode>) ?? {})) {
    walk(root, child, childPath(path, name), onStack, found);
  }
  const items = node.items;
  for (const item of Array.isArray(items) ? items : items ? [items] : []) {
    walk(root, item as JsonNode, `${path}[]`, onStack, found);
  }
  if (typeof node.additionalProperties === 'object') {
    walk(root, node.additionalProperties as JsonNode, `${path}{}`, onStack, found);
  }
  for (const keyword of ['allOf', 'anyOf', 'oneOf'] as const) {
    for (const branch of (node[keyword] as JsonNode[] | undefined) ?? [])
      walk(root, branch, path, onStack, found);
  }
  onStack.delete(node);
}
