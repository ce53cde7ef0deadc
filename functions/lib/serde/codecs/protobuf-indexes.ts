import protobuf from 'protobufjs';

/** Full name without protobufjs' leading dot, as protoc and the Java descriptors spell it. */
export function fullName(type: protobuf.ReflectionObject): string {
  return type.fullName.replace(/^\./, '');
}

function nestedMessages(namespace: protobuf.NamespaceBase): protobuf.Type[] {
  // nestedArray keeps declaration order, which is the descriptor order Confluent indexes by.
  return namespace.nestedArray.filter((n): n is protobuf.Type => n instanceof protobuf.Type);
}

/**
 * Confluent's message-index path: the type's position among the file's top-level messages,
 * then among its parent's nested messages, down to the type itself.
 */
export function confluentIndexes(type: protobuf.Type, topLevel: readonly protobuf.Type[]): number[] {
  const path: number[] = [];
  let current: protobuf.Type = type;
  while (current.parent instanceof protobuf.Type) {
    path.unshift(nestedMessages(current.parent).indexOf(current));
    current = current.parent;
  }
  path.unshift(topLevel.indexOf(current));
  return path;
}

/** The type a Confluent index path points at, or undefined. */
export function typeAtConfluentPath(
  path: readonly number[],
  topLevel: readonly protobuf.Type[],
): protobuf.Type | undefined {
  let type = topLevel[path[0] ?? -1];
  for (let i = 1; i < path.length && type !== undefined; i++) {
    type = nestedMessages(type)[path[i] as number];
  }
  return type;
}

/** protoc's name for a map field's synthetic entry message: the field in PascalCase + "Entry". */
function mapEntryName(fieldName: string): string {
  const pascal = fieldName
    .split('_')
    .map((part) => (part ? part[0]?.toUpperCase() + part.slice(1) : ''))
    .join('');
  return `${pascal}Entry`;
}

/**
 * Glue's ordering: every message type of the file, nested ones and protoc's synthetic map
 * entries included, sorted by full name; a type's index is its position in that list.
 * Map entries get a name but no type (nobody encodes a map entry on its own).
 */
export function glueMessageList(topLevel: readonly protobuf.Type[]): Array<{
  readonly name: string;
  readonly type?: protobuf.Type;
}> {
  const all: Array<{ name: string; type?: protobuf.Type }> = [];
  const queue = [...topLevel];
  while (queue.length > 0) {
    const type = queue.shift() as protobuf.Type;
    all.push({ name: fullName(type), type });
    for (const field of type.fieldsArray) {
      if (field instanceof protobuf.MapField)
        all.push({ name: `${fullName(type)}.${mapEntryName(field.name)}` });
    }
    queue.push(...nestedMessages(type));
  }
  // Java's String order (UTF-16 code units), which is also JavaScript's default sort.
  return all.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
