/** One change between two schemas, named as Confluent's diff names it (`TYPE_CHANGED`, `FIELD_KIND_CHANGED`). */
export interface Difference {
  readonly type: string;
  /** Where, as Confluent writes it: `#/properties/id` (JSON Schema), `#/Order/2` (Protobuf). */
  readonly path: string;
}

/** Collects differences under a path that grows and shrinks as the diff descends. */
export class DiffContext {
  readonly differences: Difference[] = [];
  private readonly segments: string[];

  constructor(
    /** The change types that do not break compatibility. */
    readonly compatibleChanges: ReadonlySet<string>,
    segments: readonly string[] = [],
  ) {
    this.segments = [...segments];
  }

  /** A context of its own at the same path, to judge a branch before keeping its findings. */
  sub(): DiffContext {
    return new DiffContext(this.compatibleChanges, this.segments);
  }

  /** A context of its own at another path (a named type judged where it is defined). */
  root(segments: readonly string[]): DiffContext {
    return new DiffContext(this.compatibleChanges, segments);
  }

  add(type: string, attribute?: string): void {
    const segments = attribute === undefined ? this.segments : [...this.segments, attribute];
    this.differences.push({ type, path: `#/${segments.join('/')}` });
  }

  addAll(differences: readonly Difference[]): void {
    this.differences.push(...differences);
  }

  /** Runs `body` with `segment` appended to the path. */
  at<T>(segment: string, body: () => T): T {
    this.segments.push(segment);
    try {
      return body();
    } finally {
      this.segments.pop();
    }
  }

  isCompatible(): boolean {
    return this.differences.every((d) => this.compatibleChanges.has(d.type));
  }

  incompatible(): Difference[] {
    return this.differences.filter((d) => !this.compatibleChanges.has(d.type));
  }
}
