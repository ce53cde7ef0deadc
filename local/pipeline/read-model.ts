import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { scanRun } from './run-scan.js';

export interface ReadModelCheck {
  /** Orders whose read-model item holds both the placed and the paid event. */
  readonly projected: number;
  /** Orders the projection shows paid before placed (the paid event applied without its placed one). */
  readonly orderViolations: number;
}

/**
 * Reads the order read model: an order reached the projection when both of its events are in
 * its item. Ordering is checked on the item: a paid order must carry its placement (placedAt
 * not after paidAt), since OrderPlaced was committed to the outbox first.
 */
export async function checkReadModel(
  dynamodb: DynamoDBClient,
  table: string,
  runId: string,
): Promise<ReadModelCheck> {
  let projected = 0;
  let orderViolations = 0;
  const pages = scanRun(
    dynamodb,
    table,
    { runId, attribute: 'orderId' },
    { ProjectionExpression: 'orderId, placedAt, paidAt' },
  );
  for await (const page of pages) {
    for (const item of page.Items ?? []) {
      const placedAt = item.placedAt?.N;
      const paidAt = item.paidAt?.N;
      if (placedAt && paidAt) {
        projected++;
        if (Number(placedAt) > Number(paidAt)) orderViolations++;
      }
    }
  }
  return { projected, orderViolations };
}
