import {
  CreateTableCommand,
  type CreateTableCommandInput,
  DeleteTableCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  ResourceInUseException,
  ResourceNotFoundException,
} from '@aws-sdk/client-dynamodb';
import { CreateQueueCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { Admin } from 'kafkajs';
import { idempotencyTableDefinition } from '../../functions/lib/idempotency/index.js';
import type { Manifest } from '../../functions/lib/manifest/index.js';
import { outboxTableDefinition } from '../../functions/lib/outbox/index.js';
import type { LocalResources } from './environment.js';
import { registerManifestSchemas, type SchemaTarget } from './register-schemas.js';

export interface BootstrapClients {
  readonly dynamodb: DynamoDBClient;
  readonly sqs: SQSClient;
  readonly admin: Admin;
}

export interface Bootstrapped {
  readonly outboxStreamArn: string;
  readonly relayFailureQueueUrl: string;
  readonly topics: readonly string[];
  readonly subjects: readonly string[];
  readonly tables: readonly string[];
}

/** A keyed table of the example services: read models and the demo order service's own table. */
function keyedTable(tableName: string, key: string): CreateTableCommandInput {
  return {
    TableName: tableName,
    AttributeDefinitions: [{ AttributeName: key, AttributeType: 'S' }],
    KeySchema: [{ AttributeName: key, KeyType: 'HASH' }],
    BillingMode: 'PAY_PER_REQUEST',
  };
}

/**
 * Creates what the pipeline needs, reusing what exists: the outbox table (with its stream), the
 * idempotency and read-model tables, every manifest topic with its `.dlq`, the registry subjects
 * and the relay's failure queue.
 */
export async function bootstrap(
  manifest: Manifest,
  resources: LocalResources,
  clients: BootstrapClients,
  schemas: SchemaTarget,
): Promise<Bootstrapped> {
  const definitions = [
    outboxTableDefinition(resources.outboxTable),
    idempotencyTableDefinition(resources.idempotencyTable),
    keyedTable(resources.ordersTable, 'orderId'),
    keyedTable(resources.fulfilmentTable, 'orderId'),
    keyedTable(resources.orderServiceTable, 'orderId'),
  ];
  let outboxStreamArn = '';
  for (const definition of definitions) {
    const arn = await createTable(clients.dynamodb, definition);
    if (definition.TableName === resources.outboxTable) outboxStreamArn = arn ?? '';
  }
  const topics = manifest.topics.flatMap((t) => [t.name, t.dlq]);
  const existing = new Set(await clients.admin.listTopics());
  const missing = manifest.topics.flatMap((t) =>
    [t.name, t.dlq]
      .filter((name) => !existing.has(name))
      .map((name) => ({
        topic: name,
        numPartitions: t.partitions,
        replicationFactor: t.replicationFactor ?? 1,
      })),
  );
  if (missing.length > 0) await clients.admin.createTopics({ topics: missing, waitForLeaders: true });
  const subjects = await registerManifestSchemas(manifest, schemas);
  const queue = await clients.sqs.send(new CreateQueueCommand({ QueueName: resources.relayFailureQueue }));
  return {
    outboxStreamArn,
    relayFailureQueueUrl: queue.QueueUrl as string,
    topics,
    subjects,
    tables: definitions.map((d) => d.TableName as string),
  };
}

/** Creates the table, or describes the existing one; returns its latest stream ARN. */
async function createTable(
  dynamodb: DynamoDBClient,
  definition: CreateTableCommandInput,
): Promise<string | undefined> {
  try {
    const created = await dynamodb.send(new CreateTableCommand(definition));
    return created.TableDescription?.LatestStreamArn;
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
    const described = await dynamodb.send(new DescribeTableCommand({ TableName: definition.TableName }));
    return described.Table?.LatestStreamArn;
  }
}

/** Removes the tables of a bounded run (topics and subjects are shared and stay). */
export async function dropTables(dynamodb: DynamoDBClient, tables: readonly string[]): Promise<void> {
  for (const table of tables) {
    try {
      await dynamodb.send(new DeleteTableCommand({ TableName: table }));
    } catch (error) {
      if (!(error instanceof ResourceNotFoundException)) throw error;
    }
  }
}
