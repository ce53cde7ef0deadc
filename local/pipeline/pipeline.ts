import { existsSync } from 'node:fs';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { GlueClient } from '@aws-sdk/client-glue';
import { SQSClient } from '@aws-sdk/client-sqs';
import type { DynamoDBStreamEvent, MSKEvent } from 'aws-lambda';
import { Kafka, logLevel } from 'kafkajs';
import { EnvNames } from '../../functions/lib/config/env-names.js';
import { loadManifest } from '../../functions/lib/manifest/index.js';
import { createOutboxWriter, schemaPayloadValidator } from '../../functions/lib/outbox/index.js';
import { localAws } from '../stack/config.js';
import { stackEnv } from '../stack/env.js';
import { stackUp } from '../stack/stack.js';
import {
  DynamoDbStreamTrigger,
  FunctionSandbox,
  KafkaTrigger,
  type LambdaHandler,
  type TriggerObserver,
} from '../triggers/index.js';
import { bootstrap, dropTables } from './bootstrap.js';
import { completionTimes } from './completions.js';
import { tapConsumer } from './consumer-tap.js';
import { runDemoProducer } from './demo-producer.js';
import { functionEnv, localResources, registryEnv } from './environment.js';
import { PipelineError } from './errors.js';
import { handlerModule, pipelineFunctions } from './functions.js';
import { KafkaTap } from './kafka-tap.js';
import type { PipelineOptions } from './options.js';
import { checkReadModel } from './read-model.js';
import type { SchemaTarget } from './register-schemas.js';
import { RelayOrderTap } from './relay-tap.js';
import { PipelineStats } from './stats.js';
import { type RunSummary, summarize } from './summary.js';

/** The consumer whose read model decides when an order is projected. */
const projectionFunction = 'order-projection';
/** The demo producer writes OrderPlaced and OrderPaid for each order. */
const eventsPerOrder = 2;
/** How often the live view's projected-orders count is read from the read model. */
const readModelScanMs = 10_000;

export interface PipelineIo {
  /** Progress lines (stack start, bootstrap). */
  readonly log: (line: string) => void;
  /** Where the functions' own logs go. */
  readonly functionLogs: NodeJS.WritableStream;
  /** Called every view tick with the live numbers. */
  readonly onTick?: (stats: PipelineStats) => void;
  /** Aborts the run (Ctrl-C). */
  readonly signal: AbortSignal;
}

/**
 * `npm start`: the local stack, the bootstrap, the relay and the example consumers behind local
 * triggers, the demo producer, until Ctrl-C, the duration, or (bounded run) every order is
 * accounted for. Everything it started is stopped before it returns.
 */
export async function runPipeline(options: PipelineOptions, io: PipelineIo): Promise<RunSummary> {
  await stackUp(undefined, (service, message) => io.log(`${service}: ${message}`));
  const env = stackEnv();
  const resources = localResources(options.prefix);
  // Order ids carry a per-run id, so tables reused across interactive runs never collide.
  const runId = `${options.prefix}-${Date.now().toString(36)}`;
  const stats = new PipelineStats(options.warmupOrders);
  const manifest = loadManifest();
  const aws = {
    region: localAws.region,
    credentials: { accessKeyId: localAws.accessKeyId, secretAccessKey: localAws.secretAccessKey },
  };
  const dynamodb = new DynamoDBClient({ ...aws, endpoint: env[EnvNames.dynamodbEndpoint] });
  const streams = new DynamoDBStreamsClient({ ...aws, endpoint: env[EnvNames.dynamodbEndpoint] });
  const sqs = new SQSClient({ ...aws, endpoint: env[EnvNames.awsEndpoint] });
  const brokers = (env[EnvNames.kafkaBrokers] as string).split(',');
  const kafka = new Kafka({ clientId: 'eventline-start', brokers, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  const producer = kafka.producer({ idempotent: true });
  const stoppers: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const stop of stoppers.reverse()) await stop().catch(() => {});
  };

  const missing = pipelineFunctions.map((f) => handlerModule(f.folder)).filter((path) => !existsSync(path));
  if (missing.length > 0) throw new PipelineError(`handlers missing: ${missing.join(', ')}`);

  let failure: string | undefined;
  let tables: readonly string[] = [];
  let tap: KafkaTap | undefined;
  let relayOrderViolations = 0;
  try {
    await Promise.all([admin.connect(), producer.connect()]);
    stoppers.push(
      () => admin.disconnect(),
      () => producer.disconnect(),
    );
    const registry = registryEnv(options.registry, resources);
    const schemas: SchemaTarget =
      options.registry === 'glue'
        ? {
            kind: 'glue',
            registryName: resources.glueRegistry,
            glue: new GlueClient({ ...aws, endpoint: env[EnvNames.glueEndpoint] }),
          }
        : { kind: 'confluent', url: registry[EnvNames.registryUrl] as string };
    const boot = await bootstrap(manifest, resources, { dynamodb, sqs, admin }, schemas);
    tables = boot.tables;
    io.log(
      `bootstrap: tables ${boot.tables.join(', ')}; ${boot.topics.length} topics; subjects ${boot.subjects.join(', ')}`,
    );

    const observer: TriggerObserver = (o) => {
      if (o.type === 'invoked') {
        const counts = stats.invocations.get(o.functionName) ?? { ok: 0, failed: 0, totalMs: 0 };
        counts.totalMs += o.durationMs;
        if (o.ok) counts.ok++;
        else {
          counts.failed++;
          stats.lastError = `${o.functionName}: ${o.error?.message}`;
        }
        stats.invocations.set(o.functionName, counts);
      } else if (o.type === 'discarded') stats.add(stats.discarded, o.functionName, o.records);
      else if (o.type === 'poll-error') {
        stats.pollErrors++;
        stats.lastError = `${o.functionName}: ${o.error.name}: ${o.error.message}`;
        if (process.env.EVENTLINE_DEBUG) console.error(o.error);
      }
    };

    const relayTap = new RelayOrderTap();
    tap = new KafkaTap(kafka, `${resources.prefix}-tap-${Date.now()}`, manifest, runId, stats);
    await tap.start();
    stoppers.push(() => (tap as KafkaTap).stop());

    for (const fn of pipelineFunctions) {
      const sandbox = new FunctionSandbox({
        functionName: fn.name,
        modulePath: handlerModule(fn.folder),
        env: functionEnv(fn.name, {
          resources,
          registry: options.registry,
          relayFailureQueueUrl: boot.relayFailureQueueUrl,
        }),
        logs: io.functionLogs,
      });
      await sandbox.start();
      stoppers.push(() => sandbox.stop());
      if (fn.trigger.kind === 'ddb-stream') {
        // The relay's event source mapping: INSERTs only, partial batch response, bisect, on-failure SQS.
        const trigger = new DynamoDbStreamTrigger({
          functionName: fn.name,
          handler: relayTap.wrap(sandbox.handler as LambdaHandler<DynamoDBStreamEvent>),
          streamArn: boot.outboxStreamArn,
          streams,
          batchSize: 100,
          filters: [{ eventName: ['INSERT'] }],
          reportBatchItemFailures: true,
          bisectBatchOnFunctionError: true,
          maximumRetryAttempts: 10,
          retryDelayMs: 200,
          pollIntervalMs: options.streamPollMs,
          timeoutMs: options.invocationTimeoutMs,
          onFailure: { sqs, queueUrl: boot.relayFailureQueueUrl },
          observer,
        });
        trigger.start();
        stoppers.push(() => trigger.stop());
      } else {
        const trigger = new KafkaTrigger({
          functionName: fn.name,
          handler: tapConsumer(fn.name, sandbox.handler as LambdaHandler<MSKEvent>, stats, {
            measureLatency: fn.name === projectionFunction,
          }),
          kafka,
          topics: fn.trigger.topics,
          groupId: resources.consumerGroup(fn.name),
          bootstrapServers: brokers.join(','),
          batchSize: 100,
          maximumBatchingWindowMs: options.batchingWindowMs,
          startingPosition: 'LATEST',
          timeoutMs: options.invocationTimeoutMs,
          reportBatchItemFailures: true,
          retryDelayMs: 200,
          onFailure: { producer, topic: (topic) => `${topic}.dlq` },
          observer,
        });
        await trigger.start();
        stoppers.push(() => trigger.stop());
      }
      io.log(`${fn.name}: running behind its ${fn.trigger.kind} trigger`);
    }

    const outbox = createOutboxWriter({
      client: dynamodb,
      tableName: resources.outboxTable,
      manifest,
      source: 'orders-demo',
      validatePayload: schemaPayloadValidator(),
    });
    const demo = new AbortController();
    io.signal.addEventListener('abort', () => demo.abort(), { once: true });
    if (options.durationSeconds) setTimeout(() => demo.abort(), options.durationSeconds * 1000).unref();
    const producing = runDemoProducer({
      outbox,
      dynamodb,
      orderServiceTable: resources.orderServiceTable,
      kafkaProducer: producer,
      runId,
      rate: options.rate,
      ...(options.orders !== undefined ? { orders: options.orders } : {}),
      poisonRate: options.poisonRate,
      stats,
      signal: demo.signal,
    });

    const deadline = Date.now() + options.timeoutSeconds * 1000;
    let produced = false;
    void producing.then(
      () => {
        produced = true;
      },
      (error: Error) => {
        failure = `demo producer: ${error.message}`;
      },
    );
    let lastLag = 0;
    let lastScan = 0;
    while (failure === undefined) {
      await new Promise((r) => setTimeout(r, 250));
      // The read-model scan holds DynamoDB Local's single SQLite queue while it reads every item,
      // and every write waits behind it (every two seconds it put about 50 ms on the p99 latency).
      // So it runs every ten seconds for the view, and at once when the projection has consumed
      // every order's events.
      const projectionCaughtUp =
        (stats.consumed.get(projectionFunction) ?? 0) >= eventsPerOrder * stats.ordersPlaced;
      if ((produced && projectionCaughtUp) || Date.now() - lastScan > readModelScanMs) {
        lastScan = Date.now();
        stats.projected = (await checkReadModel(dynamodb, resources.ordersTable, runId)).projected;
      }
      if (Date.now() - lastLag > 1000) {
        lastLag = Date.now();
        await updateLag(
          admin,
          stats,
          resources,
          manifest.topics.map((t) => t.name),
        ).catch(() => {});
      }
      io.onTick?.(stats);
      if (io.signal.aborted) break;
      if (options.orders === undefined) {
        if (demo.signal.aborted && produced) break;
        continue;
      }
      const accounted =
        produced && stats.projected >= options.orders && stats.dlqCount >= stats.poisonInjected;
      if (accounted) break;
      if (Date.now() > deadline)
        failure = `timed out after ${options.timeoutSeconds}s with orders unaccounted for`;
    }
    demo.abort();
    await producing.catch(() => {});
    relayOrderViolations = relayTap.orderViolations;
    const check = await checkReadModel(dynamodb, resources.ordersTable, runId);
    stats.projected = check.projected;
    // A bounded run's tables are its own: what its projection completed is this run's events.
    const applied =
      options.orders !== undefined
        ? stats.applied(
            await completionTimes(
              dynamodb,
              resources.idempotencyTable,
              resources.consumerGroup(projectionFunction),
            ),
          )
        : undefined;
    return summarize(stats, {
      ...(applied ? { applied } : {}),
      orders: stats.ordersPlaced,
      orderViolations: check.orderViolations + relayOrderViolations,
      streamPollMs: options.streamPollMs,
      batchingWindowMs: options.batchingWindowMs,
      ...(failure ? { error: failure } : {}),
    });
  } finally {
    await stopAll();
    if (options.orders !== undefined && !options.keep) await dropTables(dynamodb, tables).catch(() => {});
    for (const client of [dynamodb, streams, sqs]) client.destroy();
  }
}

async function updateLag(
  admin: import('kafkajs').Admin,
  stats: PipelineStats,
  resources: ReturnType<typeof localResources>,
  topics: readonly string[],
): Promise<void> {
  const ends = new Map<string, number>();
  for (const topic of topics) {
    for (const p of await admin.fetchTopicOffsets(topic)) ends.set(`${topic}/${p.partition}`, Number(p.high));
  }
  for (const fn of pipelineFunctions) {
    if (fn.trigger.kind !== 'kafka') continue;
    const committed = await admin.fetchOffsets({
      groupId: resources.consumerGroup(fn.name),
      topics: [...fn.trigger.topics],
    });
    let lag = 0;
    for (const t of committed) {
      for (const p of t.partitions) {
        const end = ends.get(`${t.topic}/${p.partition}`) ?? 0;
        const at = Number(p.offset);
        lag += at < 0 ? 0 : Math.max(0, end - at);
      }
    }
    stats.lag.set(fn.name, lag);
  }
}
