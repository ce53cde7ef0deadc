import { CreateTableCommand, ResourceInUseException } from '@aws-sdk/client-dynamodb';
import type { DynamoDBStreamEvent, MSKEvent } from 'aws-lambda';
import { EnvNames } from '../../functions/lib/config/env-names.js';
import { loadManifest } from '../../functions/lib/manifest/index.js';
import { createOutboxWriter, schemaPayloadValidator } from '../../functions/lib/outbox/index.js';
import { displayPath, dropTables, type LocalAssembly, loadAssembly } from '../assembly/index.js';
import { stackUp } from '../stack/stack.js';
import type { LambdaHandler } from '../triggers/index.js';
import { bootstrapAssembly } from './bootstrap.js';
import { openClients, type PipelineClients } from './clients.js';
import { completionTimes } from './completions.js';
import { tapConsumer } from './consumer-tap.js';
import { runDemoProducer } from './demo-producer.js';
import { PipelineError } from './errors.js';
import { type RunningFunction, startFunctions } from './functions.js';
import { KafkaTap } from './kafka-tap.js';
import { watchRun } from './loop.js';
import { statsObserver } from './observer.js';
import type { PipelineOptions } from './options.js';
import { checkReadModel } from './read-model.js';
import { RelayOrderTap } from './relay-tap.js';
import { ResourceScope } from './scope.js';
import { PipelineStats } from './stats.js';
import { type RunSummary, summarize } from './summary.js';

/** The consumer whose read model decides when an order is projected (its handler folder). */
const projectionFunction = 'order-projection';

export interface PipelineIo {
  /** Progress lines (stack start, synthesis, bootstrap). */
  readonly log: (line: string) => void;
  /** Where the functions' own logs go. */
  readonly functionLogs: NodeJS.WritableStream;
  /** Called every view tick with the live numbers. */
  readonly onTick?: (stats: PipelineStats) => void;
  /** Aborts the run (Ctrl-C). */
  readonly signal: AbortSignal;
}

/**
 * `npm start`: the local stack and the cloud assembly of the CDK app, its tables, queue and topics
 * created locally, its functions' staged bundles behind local triggers configured from its event
 * source mappings, the demo producer, until Ctrl-C, the duration, or (bounded run) every order
 * is accounted for. Everything it started is stopped by one scope before it returns.
 */
export async function runPipeline(options: PipelineOptions, io: PipelineIo): Promise<RunSummary> {
  const scope = new ResourceScope();
  try {
    return await run(options, io, scope);
  } finally {
    const failures = await scope.close();
    for (const failure of failures) io.log(`teardown: ${failure}`);
  }
}

async function run(options: PipelineOptions, io: PipelineIo, scope: ResourceScope): Promise<RunSummary> {
  const [assembly] = await Promise.all([
    loadAssembly({ log: io.log }),
    stackUp(undefined, (service, message) => io.log(`${service}: ${message}`)),
  ]);
  const { synthesis } = assembly;
  io.log(
    `assembly: ${displayPath(synthesis.templateFile)} (${synthesis.cached ? 'unchanged inputs, reused' : 'synthesized'} in ${synthesis.durationMs} ms)`,
  );
  const clients = await openClients(scope);
  const manifest = loadManifest();
  const boot = await bootstrapAssembly(assembly, options, clients, manifest);
  const orderServiceTable = await createDemoTable(clients, options.prefix);
  if (options.orders !== undefined && !options.keep) {
    const tables = [...[...boot.resources.tables.values()].map((t) => t.name), orderServiceTable];
    scope.defer('bounded run tables', () => dropTables(clients.dynamodb, tables));
  }
  io.log(
    `bootstrap: tables ${[...boot.resources.tables.values()].map((t) => t.name).join(', ')}; ${boot.resources.topics.length} topics; subjects ${boot.subjects.join(', ')}`,
  );

  // Order ids carry a per-run id, so tables reused across interactive runs never collide.
  const runId = `${options.prefix}-${Date.now().toString(36)}`;
  const stats = new PipelineStats(options.warmupOrders);
  const relayTap = new RelayOrderTap();
  const tap = new KafkaTap(clients.kafka, `${options.prefix}-tap-${Date.now()}`, manifest, runId, stats);
  await scope.use(
    'Kafka tap',
    () => tap.start(),
    () => tap.stop(),
  );
  const functions = await startFunctions({
    assembly,
    resources: boot.resources,
    registry: options.registry,
    prefix: options.prefix,
    clients,
    settings: options,
    observer: statsObserver(stats),
    functionLogs: io.functionLogs,
    scope,
    log: io.log,
    wrap: (fn, mapping, handler) =>
      mapping.source.kind === 'ddb-stream'
        ? (relayTap.wrap(handler as LambdaHandler<DynamoDBStreamEvent>) as LambdaHandler)
        : (tapConsumer(fn.name, handler as LambdaHandler<MSKEvent>, stats, {
            measureLatency: fn.name === projectionFunction,
          }) as LambdaHandler),
  });
  const projection = requiredFunction(functions, projectionFunction);
  const relay = functions.find((f) => EnvNames.relayFailureQueueUrl in f.env);
  const outboxTable = relay?.env[EnvNames.outboxTableName];
  if (!outboxTable)
    throw new PipelineError('no function of the template relays an outbox table (EVENTLINE_OUTBOX_TABLE)');
  const readModelTable = envOf(projection, EnvNames.orderReadModelTableName);

  const demo = new AbortController();
  io.signal.addEventListener('abort', () => demo.abort(), { once: true });
  if (options.durationSeconds) setTimeout(() => demo.abort(), options.durationSeconds * 1000).unref();
  scope.defer('demo producer', () => demo.abort());
  const producing = runDemoProducer({
    outbox: createOutboxWriter({
      client: clients.dynamodb,
      tableName: outboxTable,
      manifest,
      source: 'orders-demo',
      validatePayload: schemaPayloadValidator(),
    }),
    dynamodb: clients.dynamodb,
    orderServiceTable,
    kafkaProducer: clients.producer,
    runId,
    rate: options.rate,
    ...(options.orders !== undefined ? { orders: options.orders } : {}),
    poisonRate: options.poisonRate,
    stats,
    signal: demo.signal,
  });
  const failure = await watchRun({
    stats,
    dynamodb: clients.dynamodb,
    admin: clients.admin,
    functions,
    projection: { name: projectionFunction, readModelTable },
    runId,
    ...(options.orders !== undefined ? { orders: options.orders } : {}),
    deadline: Date.now() + options.timeoutSeconds * 1000,
    timeoutSeconds: options.timeoutSeconds,
    producing,
    demoStopped: demo.signal,
    signal: io.signal,
    ...(io.onTick ? { onTick: io.onTick } : {}),
  });
  demo.abort();
  await producing.catch(() => {});
  const check = await checkReadModel(clients.dynamodb, readModelTable, runId);
  stats.projected = check.projected;
  // A bounded run's tables are its own: what its projection completed is this run's events.
  const applied =
    options.orders !== undefined
      ? stats.applied(
          await completionTimes(
            clients.dynamodb,
            envOf(projection, EnvNames.idempotencyTableName),
            envOf(projection, EnvNames.consumerGroup),
          ),
        )
      : undefined;
  return summarize(stats, {
    ...(applied ? { applied } : {}),
    orders: stats.ordersPlaced,
    orderViolations: check.orderViolations + relayTap.orderViolations,
    streamPollMs: options.streamPollMs,
    batchingWindowMs: options.batchingWindowMs,
    kafkaStartingPosition: options.kafkaStartingPosition,
    functions: functionSummaries(assembly, functions),
    ...(failure ? { error: failure } : {}),
  });
}

/** The demo order service's own table (the domain write beside each outbox item): demo code, not part of the app. */
async function createDemoTable(clients: PipelineClients, prefix: string): Promise<string> {
  const name = `${prefix}-order-service`;
  try {
    await clients.dynamodb.send(
      new CreateTableCommand({
        TableName: name,
        AttributeDefinitions: [{ AttributeName: 'orderId', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'orderId', KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
  }
  return name;
}

function requiredFunction(functions: readonly RunningFunction[], name: string): RunningFunction {
  const found = functions.find((f) => f.fn.name === name);
  if (!found) {
    throw new PipelineError(
      `the demo needs the ${name} consumer (functions/${name}/handler.ts) in the template; it has ${functions.map((f) => f.fn.name).join(', ')}`,
    );
  }
  return found;
}

function envOf(fn: RunningFunction, name: string): string {
  const value = fn.env[name];
  if (!value) throw new PipelineError(`${fn.fn.name} (${fn.fn.logicalId}) has no ${name} in the template`);
  return value;
}

/** Per function: the code file it ran, the TypeScript it was built from, the template it came from. */
function functionSummaries(assembly: LocalAssembly, functions: readonly RunningFunction[]) {
  return Object.fromEntries(
    functions.map(({ fn }) => [
      fn.name,
      {
        code: displayPath(fn.codeFile),
        ...(fn.sourceFile ? { source: displayPath(fn.sourceFile) } : {}),
        template: displayPath(assembly.synthesis.templateFile),
        logicalId: fn.logicalId,
      },
    ]),
  );
}
