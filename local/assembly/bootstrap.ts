import {
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  type TableDescription,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { CreateQueueCommand, GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { Admin } from 'kafkajs';
import { isAwsError } from '../../functions/lib/errors/index.js';
import type { LocalTable, ResourcePlan } from './resources.js';

export interface BootstrapClients {
  readonly dynamodb: DynamoDBClient;
  readonly sqs: SQSClient;
  readonly admin: Admin;
}

export interface CreatedTable {
  readonly name: string;
  readonly arn: string;
  readonly streamArn?: string;
}

export interface CreatedQueue {
  readonly name: string;
  readonly url: string;
  readonly arn: string;
}

/** The local resources of a plan, by the template's logical ids. */
export interface LocalResources {
  readonly tables: ReadonlyMap<string, CreatedTable>;
  readonly queues: ReadonlyMap<string, CreatedQueue>;
  readonly topics: readonly string[];
}

/**
 * Creates what the template declares, reusing what exists: every table (keys, indexes, stream,
 * TTL), every queue, and every topic of the topics custom resource. Topics are shared by every
 * prefix, as the relay and the consumers name them from the schema manifest.
 */
export async function bootstrapResources(
  plan: ResourcePlan,
  clients: BootstrapClients,
): Promise<LocalResources> {
  const tables = new Map<string, CreatedTable>();
  for (const table of plan.tables) tables.set(table.logicalId, await createTable(clients.dynamodb, table));
  const queues = new Map<string, CreatedQueue>();
  for (const queue of plan.queues) {
    const { QueueUrl } = await clients.sqs.send(new CreateQueueCommand({ QueueName: queue.name }));
    const attributes = await clients.sqs.send(
      new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }),
    );
    queues.set(queue.logicalId, {
      name: queue.name,
      url: QueueUrl as string,
      arn: attributes.Attributes?.QueueArn as string,
    });
  }
  const existing = new Set(await clients.admin.listTopics());
  const missing = plan.topics.filter((t) => !existing.has(t.name));
  if (missing.length > 0) {
    await clients.admin.createTopics({
      // One local broker: replication factor 1, whatever the cluster's is.
      topics: missing.map((t) => ({
        topic: t.name,
        numPartitions: t.partitions,
        replicationFactor: 1,
        configEntries: Object.entries(t.config).map(([name, value]) => ({ name, value })),
      })),
      waitForLeaders: true,
    });
  }
  return { tables, queues, topics: plan.topics.map((t) => t.name) };
}

async function createTable(dynamodb: DynamoDBClient, table: LocalTable): Promise<CreatedTable> {
  const name = table.definition.TableName as string;
  let description: TableDescription | undefined;
  try {
    description = (await dynamodb.send(new CreateTableCommand(table.definition))).TableDescription;
    if (table.ttlAttribute) {
      await dynamodb.send(
        new UpdateTimeToLiveCommand({
          TableName: name,
          TimeToLiveSpecification: { AttributeName: table.ttlAttribute, Enabled: true },
        }),
      );
    }
  } catch (error) {
    if (!isAwsError(error, 'ResourceInUseException')) throw error;
    description = (await dynamodb.send(new DescribeTableCommand({ TableName: name }))).Table;
  }
  return {
    name,
    arn: description?.TableArn as string,
    ...(description?.LatestStreamArn ? { streamArn: description.LatestStreamArn } : {}),
  };
}

/** Removes the tables of a bounded run (topics are shared and stay; queues are cheap and stay). */
export async function dropTables(dynamodb: DynamoDBClient, tables: readonly string[]): Promise<void> {
  for (const table of tables) {
    try {
      await dynamodb.send(new DeleteTableCommand({ TableName: table }));
    } catch (error) {
      if (!isAwsError(error, 'ResourceNotFoundException')) throw error;
    }
  }
}
