import { CreateTableCommand, type DynamoDBClient, waitUntilTableExists } from '@aws-sdk/client-dynamodb';
import { isAwsError } from '../../functions/lib/errors/index.js';
import { StoreError } from '../errors.js';
import { registryTableDefinition } from './table.js';

/** Creates the service's table when absent (local stack; in AWS the CDK app creates it). */
export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<void> {
  try {
    await client.send(new CreateTableCommand(registryTableDefinition(tableName)));
  } catch (error) {
    if (!isAwsError(error, 'ResourceInUseException')) {
      throw new StoreError(`creating DynamoDB table ${tableName} failed`, { cause: error });
    }
  }
  await waitUntilTableExists({ client, maxWaitTime: 60 }, { TableName: tableName });
}
