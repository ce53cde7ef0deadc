/** JSON with object keys sorted at every depth (Confluent's ordered-properties mapper). */
export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
  );
}

/** A JSON text with its keys sorted and no whitespace: equal for texts that differ only in layout and key order. */
export function sortedJsonText(text: string): string {
  return JSON.stringify(sortKeys(JSON.parse(text)));
}
