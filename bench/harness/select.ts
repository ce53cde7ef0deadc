/**
 * Which benchmarks `--only` names. A selector is a benchmark number (`B1` is B1 and not B10 to
 * B13), optionally with a row suffix (`B1.protobuf`), or a benchmark's own id (`B1-3.avro`).
 * A benchmark that measures a range (`B1-3.avro`: rows B1 to B3) is selected by any number in it.
 */
export function selectedBy(selectors: readonly string[], benchmarkId: string): boolean {
  const benchmark = parseId(benchmarkId);
  return selectors.some((raw) => {
    const selector = raw.trim().toUpperCase();
    if (selector === benchmarkId.toUpperCase()) return true;
    const wanted = parseId(selector);
    if (benchmark === undefined || wanted === undefined) return false;
    const inRange = wanted.from >= benchmark.from && wanted.from <= benchmark.to;
    return inRange && (wanted.suffix === '' || wanted.suffix === benchmark.suffix);
  });
}

/** Unknown selectors, to refuse a typo rather than run nothing. */
export function unmatched(selectors: readonly string[], benchmarkIds: readonly string[]): string[] {
  return selectors.filter((selector) => !benchmarkIds.some((id) => selectedBy([selector], id)));
}

interface ParsedId {
  readonly from: number;
  readonly to: number;
  /** What follows the first dot, upper-cased: `PROTOBUF` of `B1-3.protobuf`. */
  readonly suffix: string;
}

function parseId(id: string): ParsedId | undefined {
  const match = /^B(\d+)(?:-(\d+))?(?:\.([^.]+))?/.exec(id.toUpperCase());
  if (!match) return undefined;
  const from = Number(match[1]);
  return { from, to: match[2] === undefined ? from : Number(match[2]), suffix: match[3] ?? '' };
}
