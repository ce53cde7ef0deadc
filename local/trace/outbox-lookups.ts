import { type AttributeValue, type DynamoDBClient, paginateScan } from '@aws-sdk/client-dynamodb';
import {
  fromOutboxItem,
  OutboxAttributes,
  type OutboxIndex,
  OutboxIndexes,
  type OutboxRecord,
} from '../../functions/lib/outbox/index.js';
import { MissingIndexError } from './errors.js';
import { itemsByIndex } from './index-query.js';
import type { TraceLookups } from './types.js';

/** The items of a table a filter keeps, every page read. */
export async function scanTable(
  dynamodb: DynamoDBClient,
  table: string,
  filter: string,
  values: Record<string, AttributeValue>,
  names?: Record<string, string>,
): Promise<Record<string, AttributeValue>[]> {
  const items: Record<string, AttributeValue>[] = [];
  const pages = paginateScan(
    { client: dynamodb },
    {
      TableName: table,
      FilterExpression: filter,
      ExpressionAttributeValues: values,
      ...(names ? { ExpressionAttributeNames: names } : {}),
    },
  );
  for await (const page of pages) items.push(...(page.Items ?? []));
  return items;
}

export interface OutboxLookupOptions {
  /** Told once per index when the table lacks it and the lookup scans instead. @default a line on stderr */
  readonly warn?: (line: string) => void;
}

/**
 * The outbox half of the journey's lookups, the same locally and in AWS. The table is keyed by
 * aggregate, so an event is found by id, and its follow-ups by traceparent, through the table's
 * KEYS_ONLY indexes (OutboxIndexes): a Query and a GetItem, whatever the table's size. A table
 * without them (deployed before them, or with `traceIndexes: false`) is scanned with a filter
 * instead, which reads every item (TTL keeps them seven days by default), and `warn` says so.
 */
export function outboxLookups(
  dynamodb: DynamoDBClient,
  outboxTable: string,
  options: OutboxLookupOptions = {},
): Pick<TraceLookups, 'outboxItem' | 'outboxItemsWithTraceparent'> {
  const warn = options.warn ?? ((line: string) => process.stderr.write(`${line}\n`));
  const missing = new Set<OutboxIndex>();

  /** The items whose `key` is `value`: through `index` while it answers, else by a scan. */
  async function find(index: OutboxIndex, key: string, value: string) {
    if (!missing.has(index)) {
      try {
        return await itemsByIndex(dynamodb, {
          table: outboxTable,
          tableKeys: [OutboxAttributes.partitionKey, OutboxAttributes.sortKey],
          index,
          key,
          value,
        });
      } catch (error) {
        if (!(error instanceof MissingIndexError)) throw error;
        missing.add(index);
        warn(
          `eventline trace: ${error.message} (deployed before it, or traceIndexes: false); scanning the table instead, which reads every item`,
        );
      }
    }
    return scanTable(dynamodb, outboxTable, '#key = :value', { ':value': { S: value } }, { '#key': key });
  }

  return {
    async outboxItem(eventId) {
      const [item] = await find(OutboxIndexes.byEventId, OutboxAttributes.sortKey, eventId);
      return item ? fromOutboxItem(item) : undefined;
    },
    async outboxItemsWithTraceparent(traceparent): Promise<OutboxRecord[]> {
      const items = await find(OutboxIndexes.byTraceparent, OutboxAttributes.traceparent, traceparent);
      return items.map(fromOutboxItem);
    },
  };
}
