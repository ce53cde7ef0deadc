import {
  CreateTableCommand,
  type CreateTableCommandInput,
  type DynamoDBClient,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import { StoreError } from '../errors.js';

/** Creates a table of the service when absent (local stack; in AWS the CDK app creates it). */
export async function ensureTable(
  client: DynamoDBClient,
  definition: CreateTableCommandInput,
): Promise<void> {
  const tableName = definition.TableName as string;
  try {
    await client.send(new CreateTableCommand(definition));
  } catch (error) {
    if ((error as Error).name !== 'ResourceInUseException') {
      throw new StoreError(`creating DynamoDB table ${tableName} failed`, { cause: error });
    }
  }
  await waitUntilTableExists({ client, maxWaitTime: 60 }, { TableName: tableName });
}
