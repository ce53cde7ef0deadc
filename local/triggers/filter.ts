/**
 * Event filtering as Lambda applies it to stream and Kafka records before a batch is built
 * (https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventfiltering.html): a record is
 * sent when it matches any of the filters; a filter matches when every key of its pattern
 * matches. Supported rules: exact values (`["INSERT"]`), `prefix`, `suffix`, `exists`,
 * `anything-but`, `numeric` and `equals-ignore-case`; nested objects match nested fields.
 * Records that match no filter are dropped and count as processed, as in Lambda.
 */
export type FilterPattern = { readonly [key: string]: FilterPattern | readonly FilterRule[] };
export type FilterRule = string | number | boolean | null | { readonly [operator: string]: unknown };

/** Parses the `Pattern` strings of a FilterCriteria (as in CloudFormation) into patterns. */
export function parseFilterCriteria(criteria: { readonly Filters: readonly { readonly Pattern: string }[] }) {
  return criteria.Filters.map((f) => JSON.parse(f.Pattern) as FilterPattern);
}

export function matchesAnyFilter(record: unknown, filters: readonly FilterPattern[]): boolean {
  return filters.length === 0 || filters.some((pattern) => matchesPattern(record, pattern));
}

function matchesPattern(value: unknown, pattern: FilterPattern): boolean {
  return Object.entries(pattern).every(([key, rule]) => {
    const field = isObject(value) ? value[key] : undefined;
    if (Array.isArray(rule)) return (rule as readonly FilterRule[]).some((r) => matchesRule(field, r));
    return matchesPattern(field, rule as FilterPattern);
  });
}

function matchesRule(field: unknown, rule: FilterRule): boolean {
  if (rule === null || typeof rule !== 'object') return field === rule;
  const [operator, operand] = Object.entries(rule)[0] ?? [];
  switch (operator) {
    case 'exists':
      return (field !== undefined) === operand;
    case 'prefix':
      return typeof field === 'string' && field.startsWith(String(operand));
    case 'suffix':
      return typeof field === 'string' && field.endsWith(String(operand));
    case 'equals-ignore-case':
      return typeof field === 'string' && field.toLowerCase() === String(operand).toLowerCase();
    case 'anything-but': {
      const excluded = Array.isArray(operand) ? operand : [operand];
      return field !== undefined && !excluded.includes(field);
    }
    case 'numeric':
      return typeof field === 'number' && matchesNumeric(field, operand as readonly (string | number)[]);
    default:
      throw new Error(`unsupported filter operator "${operator}"`);
  }
}

function matchesNumeric(field: number, conditions: readonly (string | number)[]): boolean {
  for (let i = 0; i < conditions.length; i += 2) {
    const op = conditions[i];
    const bound = Number(conditions[i + 1]);
    const ok =
      op === '='
        ? field === bound
        : op === '<'
          ? field < bound
          : op === '<='
            ? field <= bound
            : op === '>'
              ? field > bound
              : op === '>='
                ? field >= bound
                : false;
    if (!ok) return false;
  }
  return true;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
