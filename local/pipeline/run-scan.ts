import { type DynamoDBClient, paginateScan, type ScanCommandInput } from '@aws-sdk/client-dynamodb';

/**
 * The pages of a scan of `table` for one run's items: those whose `attribute` (an order id, or an
 * aggregate id, `<run id>-o<n>`) starts with the run id and a dash, as `ofRun` tells of a key.
 */
export function scanRun(
  dynamodb: DynamoDBClient,
  table: string,
  filter: { readonly runId: string; readonly attribute: string },
  read: Pick<ScanCommandInput, 'ProjectionExpression' | 'Select'>,
) {
  return paginateScan(
    { client: dynamodb },
    {
      TableName: table,
      ...read,
      FilterExpression: `begins_with(${filter.attribute}, :run)`,
      ExpressionAttributeValues: { ':run': { S: `${filter.runId}-` } },
    },
  );
}
