import {
  CreateTableCommand,
  type DynamoDBClient,
  PutItemCommand,
  paginateQuery,
} from '@aws-sdk/client-dynamodb';
import { isAwsError } from '../../functions/lib/errors/index.js';
import type { StreamPositionStore } from './stream-position-store.js';

export interface DynamoDbPositionStoreOptions {
  readonly dynamodb: DynamoDBClient;
  /** The table holding the positions (created on first use). */
  readonly tableName: string;
  /** The event source mapping the positions belong to (its logical id locally). */
  readonly mappingId: string;
  readonly streamArn: string;
}

/**
 * Stream positions in a DynamoDB table beside the stream's own table, one item per mapping,
 * stream and shard. Kept in the same DynamoDB as the stream on purpose: DynamoDB Local runs in
 * memory, so when it restarts the streams and their positions go together, and a position never
 * outlives the records it points into.
 */
export class DynamoDbPositionStore implements StreamPositionStore {
  private readonly key: string;

  constructor(private readonly options: DynamoDbPositionStoreOptions) {
    // The stream ARN names the table and its creation time: a table dropped and created again
    // under the same name is a new stream, read from its starting position.
    this.key = `${options.mappingId}|${options.streamArn}`;
  }

  /** Creates the positions table if it does not exist yet (idempotent). */
  static async ensureTable(dynamodb: DynamoDBClient, tableName: string): Promise<void> {
    try {
      await dynamodb.send(
        new CreateTableCommand({
          TableName: tableName,
          AttributeDefinitions: [
            { AttributeName: 'mapping', AttributeType: 'S' },
            { AttributeName: 'shardId', AttributeType: 'S' },
          ],
          KeySchema: [
            { AttributeName: 'mapping', KeyType: 'HASH' },
            { AttributeName: 'shardId', KeyType: 'RANGE' },
          ],
          BillingMode: 'PAY_PER_REQUEST',
        }),
      );
    } catch (error) {
      if (!isAwsError(error, 'ResourceInUseException')) throw error;
    }
  }

  async load(): Promise<ReadonlyMap<string, string>> {
    const positions = new Map<string, string>();
    const pages = paginateQuery(
      { client: this.options.dynamodb },
      {
        TableName: this.options.tableName,
        KeyConditionExpression: 'mapping = :mapping',
        ExpressionAttributeValues: { ':mapping': { S: this.key } },
        ConsistentRead: true,
      },
    );
    for await (const page of pages) {
      for (const item of page.Items ?? []) {
        const shardId = item.shardId?.S;
        const sequenceNumber = item.sequenceNumber?.S;
        if (shardId && sequenceNumber) positions.set(shardId, sequenceNumber);
      }
    }
    return positions;
  }

  async save(shardId: string, sequenceNumber: string): Promise<void> {
    await this.options.dynamodb.send(
      new PutItemCommand({
        TableName: this.options.tableName,
        Item: {
          mapping: { S: this.key },
          shardId: { S: shardId },
          sequenceNumber: { S: sequenceNumber },
          savedAt: { S: new Date().toISOString() },
        },
      }),
    );
  }
}
