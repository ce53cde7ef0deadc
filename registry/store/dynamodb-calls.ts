import { type DynamoDBDocumentClient, paginateQuery } from '@aws-sdk/lib-dynamodb';
import { StoreError } from '../errors.js';

/** Runs one DynamoDB call of a store; a failure becomes a StoreError (the service answers 500). */
export async function storeCall<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    throw storeError(error);
  }
}

/** A DynamoDB failure as a store reports it. */
export function storeError(error: unknown): StoreError {
  return new StoreError(`DynamoDB call failed: ${(error as Error).name} ${(error as Error).message}`, {
    cause: error,
  });
}

/** Every item of a partition, or of the sort keys starting with `skPrefix` in it, read consistently. */
export async function queryPartition(
  doc: DynamoDBDocumentClient,
  tableName: string,
  pk: string,
  skPrefix?: string,
): Promise<Record<string, unknown>[]> {
  const pages = paginateQuery(
    { client: doc },
    {
      TableName: tableName,
      KeyConditionExpression: skPrefix ? 'pk = :pk AND begins_with(sk, :sk)' : 'pk = :pk',
      ExpressionAttributeValues: skPrefix ? { ':pk': pk, ':sk': skPrefix } : { ':pk': pk },
      ConsistentRead: true,
    },
  );
  return storeCall(async () => {
    const items: Record<string, unknown>[] = [];
    for await (const page of pages) items.push(...(page.Items ?? []));
    return items;
  });
}
