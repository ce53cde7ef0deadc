import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateTableCommand, DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CreateQueueCommand, DeleteQueueCommand, SQSClient } from '@aws-sdk/client-sqs';
import { Kafka, logLevel } from 'kafkajs';
import { dlqTopicOf } from '../../../functions/lib/dlq/index.js';
import { idempotencyTableDefinition } from '../../../functions/lib/idempotency/index.js';
import { defaultSchemasDir, loadManifest } from '../../../functions/lib/manifest/index.js';
import { outboxTableDefinition } from '../../../functions/lib/outbox/index.js';
import { registerManifestSchemas } from '../../../local/pipeline/register-schemas.js';
import { localClientConfig, localEndpoints, uniqueName } from '../../support/local-aws.js';
import { faultsApp } from './app.js';
import type { PipelineConfig, RunOptions } from './config.js';

export const dynamodb = new DynamoDBClient(localClientConfig('dynamodb'));
export const sqs = new SQSClient(localClientConfig('moto'));
export const kafka = new Kafka({
  clientId: 'faults',
  brokers: localEndpoints.kafkaBrokers,
  logLevel: logLevel.NOTHING,
});

const PARTITIONS = 3;

/**
 * A manifest with only OrderPaid, on this run's own topic, so runs never share topics,
 * subjects or consumer groups with each other or with other tests.
 */
function runManifest(prefix: string): { schemasDir: string; topic: string } {
  const dir = mkdtempSync(join(tmpdir(), 'eventline-faults-'));
  cpSync(defaultSchemasDir, dir, { recursive: true });
  const raw = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as {
    topics: { name: string; eventType: string; partitions: number }[];
  };
  const paid = raw.topics.filter((t) => t.eventType === 'OrderPaid');
  const topic = `${prefix}.order.paid`;
  for (const t of paid) {
    t.name = topic;
    t.partitions = PARTITIONS;
  }
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ ...raw, topics: paid }));
  return { schemasDir: dir, topic };
}

/**
 * Creates a run's topic and DLQ, outbox (with stream), idempotency and ledger tables, the
 * relay's failure queue, and registers its schema; synthesizes the suite's app on the first run.
 */
export async function createRun(options: RunOptions = {}): Promise<PipelineConfig> {
  const runId = uniqueName('flt').replace(/[^a-z0-9]/g, '');
  const { schemasDir, topic } = runManifest(runId);
  const dlqTopic = dlqTopicOf(topic);
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.createTopics({
      waitForLeaders: true,
      topics: [
        {
          topic,
          numPartitions: PARTITIONS,
          ...(options.maxMessageBytes === undefined
            ? {}
            : { configEntries: [{ name: 'max.message.bytes', value: String(options.maxMessageBytes) }] }),
        },
        { topic: dlqTopic, numPartitions: 1 },
      ],
    });
  } finally {
    await admin.disconnect();
  }
  const outboxTable = `${runId}-outbox`;
  const created = await dynamodb.send(new CreateTableCommand(outboxTableDefinition(outboxTable)));
  const idempotencyTable = `${runId}-idempotency`;
  await dynamodb.send(new CreateTableCommand(idempotencyTableDefinition(idempotencyTable)));
  const ledgerTable = `${runId}-ledger`;
  await dynamodb.send(
    new CreateTableCommand({
      TableName: ledgerTable,
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
  const queue = await sqs.send(new CreateQueueCommand({ QueueName: `${runId}-relay-failures` }));
  await registerManifestSchemas(loadManifest(schemasDir), {
    kind: 'confluent',
    url: localEndpoints.apicurioUrl,
  });
  return {
    runId,
    app: await faultsApp(),
    schemasDir,
    topic,
    dlqTopic,
    outboxTable,
    streamArn: created.TableDescription?.LatestStreamArn as string,
    idempotencyTable,
    ledgerTable,
    brokers: localEndpoints.kafkaBrokers,
    registryUrl: localEndpoints.apicurioUrl,
    failureQueueUrl: queue.QueueUrl as string,
    ...(options.maxMessageBytes === undefined ? {} : { maxMessageBytes: options.maxMessageBytes }),
  };
}

/** Removes the run's tables, topics, failure queue and temporary folder (its registry subject stays, as npm start's do). */
export async function dropRun(run: PipelineConfig): Promise<void> {
  await Promise.all(
    [run.outboxTable, run.idempotencyTable, run.ledgerTable].map((t) =>
      dynamodb.send(new DeleteTableCommand({ TableName: t })).catch(() => undefined),
    ),
  );
  await sqs.send(new DeleteQueueCommand({ QueueUrl: run.failureQueueUrl })).catch(() => undefined);
  const admin = kafka.admin();
  await admin.connect();
  await admin.deleteTopics({ topics: [run.topic, run.dlqTopic] }).catch(() => undefined);
  await admin.disconnect();
  rmSync(run.schemasDir, { recursive: true, force: true });
}
