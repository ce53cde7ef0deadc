import { setTimeout as sleep } from 'node:timers/promises';
import {
  type CreateTableCommandInput,
  DescribeTableCommand,
  type DynamoDBClient,
  type TableDescription,
  UpdateTableCommand,
} from '@aws-sdk/client-dynamodb';
import { AssemblyError } from './errors.js';

export interface AddIndexesOptions {
  /** How long one index may take to backfill before start-up gives up. @default 60_000 */
  readonly timeoutMs?: number;
  /** Between two DescribeTable calls while an index backfills. @default 200 */
  readonly pollMs?: number;
}

/**
 * Adds the global secondary indexes a definition declares and an existing table lacks (a table
 * made by an older version of the template), keeping its items and its stream. One UpdateTable
 * per index, as DynamoDB accepts one index creation per call, each waited for until ACTIVE:
 * DynamoDB Local fails a Query on an index that is still backfilling with an internal error.
 * Returns the names of the indexes it added.
 */
export async function addMissingIndexes(
  dynamodb: DynamoDBClient,
  definition: CreateTableCommandInput,
  existing: TableDescription | undefined,
  options: AddIndexesOptions = {},
): Promise<string[]> {
  const { timeoutMs = 60_000, pollMs = 200 } = options;
  const name = definition.TableName as string;
  const present = new Set((existing?.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName));
  const added: string[] = [];
  for (const index of definition.GlobalSecondaryIndexes ?? []) {
    if (present.has(index.IndexName)) continue;
    // Only the new index's key attributes: DynamoDB refuses a definition no key uses.
    const keyNames = new Set(index.KeySchema?.map((key) => key.AttributeName));
    await dynamodb.send(
      new UpdateTableCommand({
        TableName: name,
        AttributeDefinitions: definition.AttributeDefinitions?.filter((a) => keyNames.has(a.AttributeName)),
        GlobalSecondaryIndexUpdates: [
          {
            Create: { IndexName: index.IndexName, KeySchema: index.KeySchema, Projection: index.Projection },
          },
        ],
      }),
    );
    const deadline = Date.now() + timeoutMs;
    while ((await indexStatus(dynamodb, name, index.IndexName as string)) !== 'ACTIVE') {
      if (Date.now() > deadline) {
        throw new AssemblyError(
          `table ${name}: index ${index.IndexName} is not ACTIVE after ${timeoutMs} ms; run again once DynamoDB has built it`,
        );
      }
      await sleep(pollMs);
    }
    added.push(index.IndexName as string);
  }
  return added;
}

async function indexStatus(
  dynamodb: DynamoDBClient,
  table: string,
  index: string,
): Promise<string | undefined> {
  const { Table } = await dynamodb.send(new DescribeTableCommand({ TableName: table }));
  return Table?.GlobalSecondaryIndexes?.find((i) => i.IndexName === index)?.IndexStatus;
}
