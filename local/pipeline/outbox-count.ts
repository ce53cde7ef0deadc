import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { scanRun } from './run-scan.js';

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
  const pages = scanRun(dynamodb, table, { runId, attribute: 'aggregateId' }, { Select: 'COUNT' });
  for await (const page of pages) count += page.Count ?? 0;
  return count;
}
