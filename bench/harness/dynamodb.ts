import {
  CreateTableCommand,
  type CreateTableCommandInput,
  DeleteTableCommand,
  DynamoDBClient,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import type { Endpoints } from './context.js';

export function localDynamoDb(endpoints: Endpoints): DynamoDBClient {
  return new DynamoDBClient({
    endpoint: endpoints.dynamodb,
    region: endpoints.aws.region,
    credentials: { accessKeyId: endpoints.aws.accessKeyId, secretAccessKey: endpoints.aws.secretAccessKey },
  });
}

/** Creates a table for one benchmark and returns a function that deletes it again. */
export async function createBenchTable(
  client: DynamoDBClient,
  definition: CreateTableCommandInput,
): Promise<() => Promise<void>> {
  await client.send(new CreateTableCommand(definition));
  await waitUntilTableExists({ client, maxWaitTime: 30 }, { TableName: definition.TableName });
  return async () => {
    await client.send(new DeleteTableCommand({ TableName: definition.TableName })).catch(() => undefined);
  };
}
