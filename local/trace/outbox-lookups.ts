import { type AttributeValue, type DynamoDBClient, paginateScan } from '@aws-sdk/client-dynamodb';
import { fromOutboxItem, OutboxAttributes, type OutboxRecord } from '../../functions/lib/outbox/index.js';
import type { TraceLookups } from './types.js';

/** The items of a table a filter keeps, every page read. */
export async function scanTable(
  dynamodb: DynamoDBClient,
  table: string,
  filter: string,
  values: Record<string, AttributeValue>,
): Promise<Record<string, AttributeValue>[]> {
  const items: Record<string, AttributeValue>[] = [];
  const pages = paginateScan(
    { client: dynamodb },
    { TableName: table, FilterExpression: filter, ExpressionAttributeValues: values },
  );
  for await (const page of pages) items.push(...(page.Items ?? []));
  return items;
}

/**
 * The outbox half of the journey's lookups, the same locally and in AWS. A scan with a filter:
 * the table is keyed by aggregate, so nothing else finds an event by id, and its items expire
 * (TTL, seven days by default) once the stream has carried them, which bounds the scan.
 */
export function outboxLookups(
  dynamodb: DynamoDBClient,
  outboxTable: string,
): Pick<TraceLookups, 'outboxItem' | 'outboxItemsWithTraceparent'> {
  return {
    async outboxItem(eventId) {
      const [item] = await scanTable(dynamodb, outboxTable, `${OutboxAttributes.sortKey} = :id`, {
        ':id': { S: eventId },
      });
      return item ? fromOutboxItem(item) : undefined;
    },
    async outboxItemsWithTraceparent(traceparent): Promise<OutboxRecord[]> {
      const items = await scanTable(dynamodb, outboxTable, 'traceparent = :tp', {
        ':tp': { S: traceparent },
      });
      return items.map(fromOutboxItem);
    },
  };
}
