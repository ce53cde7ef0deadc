import {
  type AttributeValue,
  BatchGetItemCommand,
  type BatchGetItemCommandOutput,
  type DynamoDBClient,
  GetItemCommand,
  paginateQuery,
} from '@aws-sdk/client-dynamodb';
import { isAwsError } from '../../functions/lib/errors/index.js';
import { MissingIndexError } from './errors.js';

type Item = Record<string, AttributeValue>;

/** BatchGetItem's limit of keys per call. */
const BATCH_GET_MAX = 100;

// DynamoDB names no error code for these: a ValidationException whose message says the index is
// absent ("does not have the specified index") or still backfilling ("Cannot read from backfilling").
const UNREADABLE_INDEX = /specified index|backfilling/i;

/** Which items to read through which index. */
export interface IndexLookup {
  readonly table: string;
  /** The table's key attributes (partition, sort): what an index entry gives back to read the item by. */
  readonly tableKeys: readonly string[];
  readonly index: string;
  /** The index's partition key attribute, and the value to find. */
  readonly key: string;
  readonly value: string;
}

/**
 * The base items whose attribute `key` equals `value`, through a KEYS_ONLY index on it: the
 * Query returns only keys (each entry a few bytes, so one page holds thousands), then GetItem
 * (one) or BatchGetItem (more) reads the items. Throws MissingIndexError when the table has no
 * readable index of that name.
 */
export async function itemsByIndex(dynamodb: DynamoDBClient, lookup: IndexLookup): Promise<Item[]> {
  const { table, index, key, value } = lookup;
  const keys: Item[] = [];
  try {
    const pages = paginateQuery(
      { client: dynamodb },
      {
        TableName: table,
        IndexName: index,
        KeyConditionExpression: '#key = :value',
        ExpressionAttributeNames: { '#key': key },
        ExpressionAttributeValues: { ':value': { S: value } },
      },
    );
    for await (const page of pages) {
      for (const entry of page.Items ?? []) {
        keys.push(Object.fromEntries(lookup.tableKeys.map((name) => [name, entry[name] as AttributeValue])));
      }
    }
  } catch (error) {
    if (isAwsError(error, 'ValidationException') && UNREADABLE_INDEX.test(error.message)) {
      throw new MissingIndexError(table, index, { cause: error });
    }
    throw error;
  }
  return getItems(dynamodb, table, keys);
}

async function getItems(dynamodb: DynamoDBClient, table: string, keys: readonly Item[]): Promise<Item[]> {
  if (keys.length === 0) return [];
  if (keys.length === 1) {
    const { Item: item } = await dynamodb.send(new GetItemCommand({ TableName: table, Key: keys[0] }));
    return item ? [item] : [];
  }
  const items: Item[] = [];
  for (let start = 0; start < keys.length; start += BATCH_GET_MAX) {
    let pending: Item[] | undefined = keys.slice(start, start + BATCH_GET_MAX);
    while (pending && pending.length > 0) {
      const answer: BatchGetItemCommandOutput = await dynamodb.send(
        new BatchGetItemCommand({ RequestItems: { [table]: { Keys: pending } } }),
      );
      items.push(...(answer.Responses?.[table] ?? []));
      // Keys DynamoDB did not get to (throughput, 16 MB) come back to be asked again.
      pending = answer.UnprocessedKeys?.[table]?.Keys;
    }
  }
  return items;
}
