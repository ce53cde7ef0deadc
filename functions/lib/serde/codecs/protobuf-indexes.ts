import protobuf from 'protobufjs';

/** Full name without protobufjs' leading dot, as protoc and the Java descriptors spell it. */
export function fullName(type: protobuf.ReflectionObject): string {
  return type.fullName.replace(/^\./, '');
}

/**
 * Where each message type of a .proto file sits, in the two numberings the wire formats use.
 * Names include protoc's synthetic map entries (they have no protobufjs type: nobody encodes
 * one on its own, but they take up index positions).
 */
export class MessageLayout {
  /** Glue: every message type of the file, nested ones and map entries too, sorted by full name. */
  readonly glueOrder: readonly string[];
  private readonly topLevel: readonly string[];
  /** Types resolved once per name: a protobufjs lookup walks the namespace tree on every call. */
  private readonly types = new Map<string, protobuf.Type | undefined>();
  /** Types by Confluent path (joined), so a warm decode does no tree walk at all. */
  private readonly byPath = new Map<string, protobuf.Type | undefined>();

  constructor(
    private readonly root: protobuf.Root,
    topLevel: readonly protobuf.Type[],
    /** Nested message names per message, in declaration order (see proto-layout.ts). */
    private readonly nested: ReadonlyMap<string, readonly string[]>,
  ) {
    this.topLevel = topLevel.map(fullName);
    const all: string[] = [];
    const queue = [...this.topLevel];
    while (queue.length > 0) {
      const name = queue.shift() as string;
      all.push(name);
      queue.push(...this.children(name));
    }
    // Java's String order (UTF-16 code units) is also JavaScript's default sort order.
    this.glueOrder = all.sort();
  }

  /** The type with this full name, if it is a message of the file (not a map entry). */
  type(name: string): protobuf.Type | undefined {
    if (this.types.has(name)) return this.types.get(name);
    const found = this.glueOrder.includes(name) ? this.root.lookup(name) : null;
    const type = found instanceof protobuf.Type ? found : undefined;
    this.types.set(name, type);
    return type;
  }

  /** Confluent: position among top-level messages, then among each parent's nested ones. */
  confluentPath(type: protobuf.Type): number[] {
    const path: number[] = [];
    let name = fullName(type);
    let parent = type.parent;
    while (parent instanceof protobuf.Type) {
      const parentName = fullName(parent);
      path.unshift(this.children(parentName).indexOf(name));
      name = parentName;
      parent = parent.parent;
    }
    path.unshift(this.topLevel.indexOf(name));
    return path;
  }

  typeAtConfluentPath(path: readonly number[]): protobuf.Type | undefined {
    const key = path.length === 1 ? String(path[0]) : path.join('.');
    if (this.byPath.has(key)) return this.byPath.get(key);
    const type = this.walkPath(path);
    // Bounded by the schema: only paths that name a message (or a few misses) are kept.
    if (type !== undefined || this.byPath.size < 1_000) this.byPath.set(key, type);
    return type;
  }

  private walkPath(path: readonly number[]): protobuf.Type | undefined {
    let name = this.topLevel[path[0] ?? -1];
    for (let i = 1; i < path.length && name !== undefined; i++) name = this.children(name)[path[i] as number];
    return name === undefined ? undefined : this.type(name);
  }

  glueIndex(type: protobuf.Type): number {
    return this.glueOrder.indexOf(fullName(type));
  }

  typeAtGlueIndex(index: number): protobuf.Type | undefined {
    const name = this.glueOrder[index];
    return name === undefined ? undefined : this.type(name);
  }

  private children(name: string): readonly string[] {
    return this.nested.get(name) ?? [];
  }
}
