import { type DynamoDBClient, paginateScan } from '@aws-sdk/client-dynamodb';

/**
 * How many events of a run are in the outbox: the demo's and every follow-up event its consumers
 * wrote (their aggregate ids are the run's order ids, `<run id>-o<n>`).
 */
export async function countRunEvents(
  dynamodb: DynamoDBClient,
  table: string,
  runId: string,
): Promise<number> {
  let count = 0;
  const pages = paginateScan(
    { client: dynamodb },
    {
      TableName: table,
      Select: 'COUNT',
      FilterExpression: 'begins_with(aggregateId, :run)',
      ExpressionAttributeValues: { ':run': { S: `${runId}-` } },
    },
  );
  for await (const page of pages) count += page.Count ?? 0;
  return count;
}
