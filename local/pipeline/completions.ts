import { type DynamoDBClient, paginateScan } from '@aws-sdk/client-dynamodb';

/**
 * When a consumer finished each event: the `completedAt` (ms) of its completed idempotency
 * records, by event id. The store keys a record `<consumer group>#<event id>` and stamps it once
 * the handler's side effect is done, so this is the moment the event was applied.
 */
export async function completionTimes(
  dynamodb: DynamoDBClient,
  idempotencyTable: string,
  consumerGroup: string,
): Promise<Map<string, number>> {
  const prefix = `${consumerGroup}#`;
  const times = new Map<string, number>();
  const pages = paginateScan(
    { client: dynamodb },
    {
      TableName: idempotencyTable,
      ProjectionExpression: 'id, completedAt',
      FilterExpression: 'begins_with(id, :group) AND attribute_exists(completedAt)',
      ExpressionAttributeValues: { ':group': { S: prefix } },
    },
  );
  for await (const page of pages) {
    for (const item of page.Items ?? []) {
      const id = item.id?.S;
      const completedAt = Number(item.completedAt?.N);
      if (id && Number.isFinite(completedAt)) times.set(id.slice(prefix.length), completedAt);
    }
  }
  return times;
}
