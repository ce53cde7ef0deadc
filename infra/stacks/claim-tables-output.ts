/**
 * The stack output that names each consumer group's idempotency table, as `group=table,...`:
 * `eventline trace --stack` reads a group's claim of an event by its key (`<group>#<event id>`)
 * instead of scanning a table that holds every event of the retention period.
 */
export const claimTablesOutputKey = 'ConsumerClaimTables';

/** One consumer group and the table its claims are kept in. */
export interface ClaimTable {
  readonly consumerGroup: string;
  readonly table: string;
}

/** The output's value for these consumers (tokens allowed: CloudFormation joins them). */
export function claimTablesValue(tables: readonly ClaimTable[]): string {
  return tables.map(({ consumerGroup, table }) => `${consumerGroup}=${table}`).join(',');
}

/** The consumer groups and tables the output names; an empty value names none. */
export function parseClaimTables(value: string): ClaimTable[] {
  return value
    .split(',')
    .filter((pair) => pair.includes('='))
    .map((pair) => {
      const at = pair.indexOf('=');
      return { consumerGroup: pair.slice(0, at).trim(), table: pair.slice(at + 1).trim() };
    });
}
