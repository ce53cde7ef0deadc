import { childPath, confluentTagsProperty, type FieldTags, tagList } from './types.js';

type AvroNode = string | AvroNode[] | { readonly [key: string]: unknown };

/** Each Avro field with `"confluent:tags"`, records referenced by name followed once per path. */
export function avroFieldTags(schema: unknown): FieldTags[] {
  const named = new Map<string, AvroNode>();
  collectNamed(schema as AvroNode, '', named);
  const found: FieldTags[] = [];
  walk(schema as AvroNode, '', '', named, new Set(), found);
  return found;
}

function fullName(node: { readonly [key: string]: unknown }, namespace: string): string {
  const name = String(node.name);
  if (name.includes('.')) return name;
  const ns = typeof node.namespace === 'string' ? node.namespace : namespace;
  return ns ? `${ns}.${name}` : name;
}

/** Named types by full and short name, so references resolve wherever the definition sits. */
function collectNamed(node: AvroNode, namespace: string, named: Map<string, AvroNode>): void {
  if (Array.isArray(node)) {
    for (const branch of node) collectNamed(branch, namespace, named);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  if (typeof node.name === 'string' && ['record', 'enum', 'fixed', 'error'].includes(String(node.type))) {
    const full = fullName(node, namespace);
    named.set(full, node);
    named.set(full.slice(full.lastIndexOf('.') + 1), node);
    const inner = full.includes('.') ? full.slice(0, full.lastIndexOf('.')) : '';
    for (const field of (node.fields as { type: AvroNode }[] | undefined) ?? []) {
      collectNamed(field.type, inner, named);
    }
    return;
  }
  if (node.items !== undefined) collectNamed(node.items as AvroNode, namespace, named);
  if (node.values !== undefined) collectNamed(node.values as AvroNode, namespace, named);
  if (typeof node.type === 'object') collectNamed(node.type as AvroNode, namespace, named);
}

function walk(
  node: AvroNode,
  path: string,
  namespace: string,
  named: ReadonlyMap<string, AvroNode>,
  onStack: Set<AvroNode>,
  found: FieldTags[],
): void {
  if (typeof node === 'string') {
    const target = named.get(node) ?? named.get(namespace ? `${namespace}.${node}` : node);
    if (target !== undefined && typeof target === 'object')
      walk(target, path, namespace, named, onStack, found);
    return;
  }
  if (Array.isArray(node)) {
    for (const branch of node) walk(branch, path, namespace, named, onStack, found);
    return;
  }
  if (node.type === 'array') {
    walk(node.items as AvroNode, `${path}[]`, namespace, named, onStack, found);
    return;
  }
  if (node.type === 'map') {
    walk(node.values as AvroNode, `${path}{}`, namespace, named, onStack, found);
    return;
  }
  if (node.type !== 'record' && node.type !== 'error') {
    if (typeof node.type === 'object') walk(node.type as AvroNode, path, namespace, named, onStack, found);
    return;
  }
  // A recursive record (a tree node holding its children) is walked once per branch, not forever.
  if (onStack.has(node)) return;
  onStack.add(node);
  const full = fullName(node, namespace);
  const inner = full.includes('.') ? full.slice(0, full.lastIndexOf('.')) : '';
  for (const field of (node.fields as { name: string; type: AvroNode; [key: string]: unknown }[]) ?? []) {
    const fieldPath = childPath(path, field.name);
    const tags = tagList(field[confluentTagsProperty]);
    found.push({ path: fieldPath, tags });
    walk(field.type, fieldPath, inner, named, onStack, found);
  }
  onStack.delete(node);
}
