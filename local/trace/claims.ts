import { type AttributeValue, type DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import type { ClaimTable } from '../../infra/stacks/claim-tables-output.js';
import type { ClaimItem } from './types.js';

/** An idempotency item as the journey reads it. */
export function claimOf(consumerGroup: string, item: Record<string, AttributeValue>): ClaimItem {
  const completedAt = item.completedAt?.N;
  return {
    consumerGroup,
    status: item.status?.S ?? 'UNKNOWN',
    ...(completedAt ? { completedAt: Number(completedAt) } : {}),
  };
}

/**
 * Each group's claim of the event, read by its key (`<group>#<event id>`, functions/lib/idempotency):
 * one strongly consistent GetItem per group, whatever the size of the tables.
 */
export async function claimsByKey(
  dynamodb: DynamoDBClient,
  tables: readonly ClaimTable[],
  eventId: string,
): Promise<ClaimItem[]> {
  const found = await Promise.all(
    tables.map(async ({ consumerGroup, table }) => {
      const { Item } = await dynamodb.send(
        new GetItemCommand({
          TableName: table,
          Key: { id: { S: `${consumerGroup}#${eventId}` } },
          ConsistentRead: true,
        }),
      );
      return Item ? [claimOf(consumerGroup, Item)] : [];
    }),
  );
  return found.flat();
}
