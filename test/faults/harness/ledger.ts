import {
  ConditionalCheckFailedException,
  type DynamoDBClient,
  type Put,
  PutItemCommand,
  paginateScan,
  TransactionCanceledException,
  type TransactWriteItem,
  TransactWriteItemsCommand,
  type Update,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { EFFECT } from './config.js';

export interface LedgerEntry {
  readonly eventId: string;
  readonly aggregateId: string;
  readonly seq: number;
  /** Position of the first application among all applications for the aggregate. */
  readonly ordinal: number;
  /** How many times the side effect ran: anything above 1 is a duplicate. */
  readonly applications: number;
}

/**
 * The consumer's side effect. A per-aggregate counter gives each application its position;
 * then one item per (event id, effect) is written on the condition that it does not exist yet.
 * When it does, the effect is running a second time: that is counted on the item instead of
 * being swallowed, so the checker sees every duplicate the pipeline let through.
 *
 * With `completion` (the consumer's claim completion, idempotency on) the item write and the
 * completion commit in one transaction, as a fenced handler does: a crash after the commit
 * leaves the claim completed, and a zombie whose claim was taken over writes nothing. The
 * counter stays outside it (a transaction cannot return the new value); a cancelled run only
 * leaves a gap in the ordinals, which the order check does not mind.
 */
export async function applyEffect(
  client: DynamoDBClient,
  table: string,
  event: { readonly eventId: string; readonly aggregateId: string; readonly seq: number },
  completion?: TransactWriteItem,
): Promise<void> {
  const counter = await client.send(
    new UpdateItemCommand({
      TableName: table,
      Key: { pk: { S: `agg#${event.aggregateId}` } },
      UpdateExpression: 'ADD applied :one',
      ExpressionAttributeValues: { ':one': { N: '1' } },
      ReturnValues: 'UPDATED_NEW',
    }),
  );
  const ordinal = counter.Attributes?.applied?.N ?? '0';
  const pk = `evt#${event.eventId}#${EFFECT}`;
  const first: Put = {
    TableName: table,
    Item: {
      pk: { S: pk },
      eventId: { S: event.eventId },
      aggregateId: { S: event.aggregateId },
      seq: { N: String(event.seq) },
      ordinal: { N: ordinal },
      applications: { N: '1' },
    },
    ConditionExpression: 'attribute_not_exists(pk)',
  };
  const again: Update = {
    TableName: table,
    Key: { pk: { S: pk } },
    UpdateExpression: 'ADD applications :one',
    ExpressionAttributeValues: { ':one': { N: '1' } },
  };
  if (!completion) {
    try {
      await client.send(new PutItemCommand(first));
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      await client.send(new UpdateItemCommand(again));
    }
    return;
  }
  try {
    await client.send(new TransactWriteItemsCommand({ TransactItems: [{ Put: first }, completion] }));
  } catch (error) {
    // Only the item's own condition failed: a second application, counted (still fenced).
    // A cancelled completion propagates, for the consumer to report as a take-over.
    if (!onlyFirstConditionFailed(error)) throw error;
    await client.send(new TransactWriteItemsCommand({ TransactItems: [{ Update: again }, completion] }));
  }
}

function onlyFirstConditionFailed(error: unknown): boolean {
  if (!(error instanceof TransactionCanceledException)) return false;
  const [item, ...rest] = error.CancellationReasons ?? [];
  return (
    item?.Code === 'ConditionalCheckFailed' &&
    rest.every((reason) => reason.Code === undefined || reason.Code === 'None')
  );
}

/** Every effect item of the ledger. */
export async function readLedger(client: DynamoDBClient, table: string): Promise<LedgerEntry[]> {
  const entries: LedgerEntry[] = [];
  for await (const page of paginateScan({ client }, { TableName: table, ConsistentRead: true })) {
    for (const item of page.Items ?? []) {
      if (!item.pk?.S?.startsWith('evt#')) continue;
      entries.push({
        eventId: item.eventId?.S as string,
        aggregateId: item.aggregateId?.S as string,
        seq: Number(item.seq?.N),
        ordinal: Number(item.ordinal?.N),
        applications: Number(item.applications?.N),
      });
    }
  }
  return entries;
}
