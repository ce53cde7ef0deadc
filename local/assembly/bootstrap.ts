import {
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  type TableDescription,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import {
  CreateAliasCommand,
  CreateKeyCommand,
  DescribeKeyCommand,
  type KeyMetadata,
  type KMSClient,
} from '@aws-sdk/client-kms';
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { Admin } from 'kafkajs';
import { isAwsError } from '../../functions/lib/errors/index.js';
import type { LocalKey, LocalTable, ResourcePlan } from './resources.js';
import { addMissingIndexes } from './table-indexes.js';

export interface BootstrapClients {
  readonly dynamodb: DynamoDBClient;
  readonly sqs: SQSClient;
  readonly admin: Admin;
  /** moto's KMS: the template's keys (the KEKs of field-level encryption). */
  readonly kms: KMSClient;
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

export interface CreatedKey {
  readonly alias: string;
  readonly keyId: string;
  readonly arn: string;
}

/** The local resources of a plan, by the template's logical ids. */
export interface LocalResources {
  readonly tables: ReadonlyMap<string, CreatedTable>;
  readonly queues: ReadonlyMap<string, CreatedQueue>;
  readonly topics: readonly string[];
  /** The KMS keys in moto. @default none: a template without keys, or a harness that made its own resources */
  readonly keys?: ReadonlyMap<string, CreatedKey>;
}

/** What a bootstrap did: the resources by logical id, and which of them it made (`table <name>`, ...). */
export interface BootstrapResult {
  readonly resources: LocalResources;
  /** Resources this call created, as `table <name>`, `queue <name>`, `topic <name>`. */
  readonly created: readonly string[];
  /** Resources that were there already, in the same form. */
  readonly existing: readonly string[];
}

/**
 * Creates what the template declares, reusing what exists: every table (keys, indexes, stream,
 * TTL), every queue, every topic of the topics custom resource, and every KMS key (in moto). Topics are shared by every
 * prefix, as the relay and the consumers name them from the schema manifest.
 */
export async function bootstrapResources(
  plan: ResourcePlan,
  clients: BootstrapClients,
): Promise<BootstrapResult> {
  const created: string[] = [];
  const existing: string[] = [];
  const tables = new Map<string, CreatedTable>();
  for (const table of plan.tables) {
    const { table: made, isNew, addedIndexes } = await createTable(clients.dynamodb, table);
    tables.set(table.logicalId, made);
    (isNew ? created : existing).push(`table ${made.name}`);
    for (const index of addedIndexes) created.push(`index ${index} of table ${made.name}`);
  }
  const queues = new Map<string, CreatedQueue>();
  for (const queue of plan.queues) {
    // CreateQueue answers an existing queue with its URL too; asking first is what tells them apart.
    const isNew = (await queueUrl(clients.sqs, queue.name)) === undefined;
    const { QueueUrl } = await clients.sqs.send(new CreateQueueCommand({ QueueName: queue.name }));
    const attributes = await clients.sqs.send(
      new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }),
    );
    queues.set(queue.logicalId, {
      name: queue.name,
      url: QueueUrl as string,
      arn: attributes.Attributes?.QueueArn as string,
    });
    (isNew ? created : existing).push(`queue ${queue.name}`);
  }
  const present = new Set(await clients.admin.listTopics());
  const missing = plan.topics.filter((t) => !present.has(t.name));
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
  for (const topic of plan.topics) (present.has(topic.name) ? existing : created).push(`topic ${topic.name}`);
  const keys = new Map<string, CreatedKey>();
  for (const key of plan.keys) {
    const { key: made, isNew } = await createKey(clients.kms, key);
    keys.set(key.logicalId, made);
    (isNew ? created : existing).push(`key ${key.alias}`);
  }
  return { resources: { tables, queues, topics: plan.topics.map((t) => t.name), keys }, created, existing };
}

/**
 * A key found by its alias, or created with it. Two runs creating the same key at once: the one
 * whose alias loses uses the winner's key (its own stays unused in moto).
 */
async function createKey(kms: KMSClient, key: LocalKey): Promise<{ key: CreatedKey; isNew: boolean }> {
  const found = await describeKey(kms, key.alias);
  if (found) return { key: createdKey(key, found), isNew: false };
  const { KeyMetadata: made } = await kms.send(
    new CreateKeyCommand({ Description: `Eventline local ${key.logicalId} (${key.alias})` }),
  );
  try {
    await kms.send(new CreateAliasCommand({ AliasName: key.alias, TargetKeyId: made?.KeyId }));
    return { key: createdKey(key, made as KeyMetadata), isNew: true };
  } catch (error) {
    if (!isAwsError(error, 'AlreadyExistsException')) throw error;
    return { key: createdKey(key, (await describeKey(kms, key.alias)) as KeyMetadata), isNew: false };
  }
}

async function describeKey(kms: KMSClient, alias: string): Promise<KeyMetadata | undefined> {
  try {
    return (await kms.send(new DescribeKeyCommand({ KeyId: alias }))).KeyMetadata;
  } catch (error) {
    if (isAwsError(error, 'NotFoundException')) return undefined;
    throw error;
  }
}

function createdKey(key: LocalKey, metadata: KeyMetadata): CreatedKey {
  return { alias: key.alias, keyId: metadata.KeyId as string, arn: metadata.Arn as string };
}

/** What of the plan does not exist (`table <name>`, ...), creating nothing: for a run that must not bootstrap. */
export async function missingResources(plan: ResourcePlan, clients: BootstrapClients): Promise<string[]> {
  const missing: string[] = [];
  for (const table of plan.tables) {
    const name = table.definition.TableName as string;
    try {
      await clients.dynamodb.send(new DescribeTableCommand({ TableName: name }));
    } catch (error) {
      if (!isAwsError(error, 'ResourceNotFoundException')) throw error;
      missing.push(`table ${name}`);
    }
  }
  for (const queue of plan.queues) {
    if ((await queueUrl(clients.sqs, queue.name)) === undefined) missing.push(`queue ${queue.name}`);
  }
  const present = new Set(await clients.admin.listTopics());
  for (const topic of plan.topics) if (!present.has(topic.name)) missing.push(`topic ${topic.name}`);
  for (const key of plan.keys) {
    if ((await describeKey(clients.kms, key.alias)) === undefined) missing.push(`key ${key.alias}`);
  }
  return missing;
}

async function queueUrl(sqs: SQSClient, name: string): Promise<string | undefined> {
  try {
    return (await sqs.send(new GetQueueUrlCommand({ QueueName: name }))).QueueUrl;
  } catch (error) {
    if (isAwsError(error, 'QueueDoesNotExist', 'AWS.SimpleQueueService.NonExistentQueue')) return undefined;
    throw error;
  }
}

async function createTable(
  dynamodb: DynamoDBClient,
  table: LocalTable,
): Promise<{ table: CreatedTable; isNew: boolean; addedIndexes: readonly string[] }> {
  const name = table.definition.TableName as string;
  let description: TableDescription | undefined;
  let isNew = true;
  let addedIndexes: string[] = [];
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
    isNew = false;
    description = (await dynamodb.send(new DescribeTableCommand({ TableName: name }))).Table;
    addedIndexes = await addMissingIndexes(dynamodb, table.definition, description);
  }
  return {
    isNew,
    addedIndexes,
    table: {
      name,
      arn: description?.TableArn as string,
      ...(description?.LatestStreamArn ? { streamArn: description.LatestStreamArn } : {}),
    },
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
