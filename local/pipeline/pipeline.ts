import type { DynamoDBStreamEvent, MSKEvent } from 'aws-lambda';
import { loadManifest } from '../../functions/lib/manifest/index.js';
import { displayPath, dropTables, type LocalAssembly, loadAssembly } from '../assembly/index.js';
import { DynamoDbPositionStore, type LambdaHandler } from '../triggers/index.js';
import { bootstrapAssembly } from './bootstrap.js';
import { openClients } from './clients.js';
import { tapConsumer } from './consumer-tap.js';
import { createDemoTable, demoTargets, projectionFunction, startDemo } from './demo.js';
import { finishRun } from './finish.js';
import { startFunctions } from './functions.js';
import { KafkaTap } from './kafka-tap.js';
import { useLocalStack } from './local-stack.js';
import { watchRun } from './loop.js';
import { statsObserver } from './observer.js';
import type { PipelineOptions } from './options.js';
import { PiiScan } from './pii-scan.js';
import { RelayOrderTap } from './relay-tap.js';
import { acceptsRecordsOf, newRunId } from './run-identity.js';
import { ResourceScope } from './scope.js';
import { PipelineStats } from './stats.js';
import type { RunSummary } from './summary.js';
import { positionsTableName } from './triggers.js';

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
  const assembly = await startAssembly(io, scope, options.keepStack);
  const clients = await openClients(scope);
  const manifest = loadManifest();
  const boot = await bootstrapAssembly(assembly, options, clients, manifest);
  const orderServiceTable = await createDemoTable(clients, options.prefix);
  const positionsTable = positionsTableName(options.prefix);
  await DynamoDbPositionStore.ensureTable(clients.dynamodb, positionsTable);
  const tables = [
    ...[...boot.resources.tables.values()].map((t) => t.name),
    orderServiceTable,
    positionsTable,
  ];
  if (options.orders !== undefined && !options.keep) {
    scope.defer('bounded run tables', () => dropTables(clients.dynamodb, tables));
  }
  io.log(
    `bootstrap: tables ${tables.join(', ')}; ${boot.resources.topics.length} topics; subjects ${boot.subjects.join(', ')}`,
  );

  // Order ids carry a per-run id, so tables reused across runs never collide, and the view and
  // the summary count this run's events only.
  const runId = newRunId(options.prefix);
  const stats = new PipelineStats(options.warmupOrders);
  const relayTap = new RelayOrderTap(runId);
  const pii = new PiiScan(runId);
  const tap = new KafkaTap(clients.kafka, `${options.prefix}-tap-${Date.now()}`, manifest, runId, stats, pii);
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
    positionsTable,
    accepts: acceptsRecordsOf(options.prefix),
    functionLogs: io.functionLogs,
    scope,
    log: io.log,
    wrap: (fn, mapping, handler) =>
      mapping.source.kind === 'ddb-stream'
        ? (pii.wrapStream(relayTap.wrap(handler as LambdaHandler<DynamoDBStreamEvent>)) as LambdaHandler)
        : (tapConsumer(fn.name, handler as LambdaHandler<MSKEvent>, stats, {
            runId,
            measureLatency: fn.name === projectionFunction,
          }) as LambdaHandler),
  });
  const targets = demoTargets(functions);

  const demo = startDemo({
    options,
    clients,
    manifest,
    kmsKeyIds: boot.kmsKeyIds,
    outboxTable: targets.outboxTable,
    orderServiceTable,
    runId,
    stats,
    pii,
    signal: io.signal,
    scope,
  });
  const failure = await watchRun({
    stats,
    dynamodb: clients.dynamodb,
    admin: clients.admin,
    functions,
    projection: { name: projectionFunction, readModelTable: targets.readModelTable },
    outboxTable: targets.outboxTable,
    runId,
    ...(options.orders !== undefined ? { orders: options.orders } : {}),
    deadline: Date.now() + options.timeoutSeconds * 1000,
    timeoutSeconds: options.timeoutSeconds,
    producing: demo.producing,
    demoStopped: demo.stopped,
    signal: io.signal,
    ...(io.onTick ? { onTick: io.onTick } : {}),
  });
  await demo.stop();
  return finishRun({
    options,
    clients,
    assembly,
    functions,
    targets,
    stats,
    runId,
    pii,
    relayOrderViolations: relayTap.orderViolations,
    ...(failure ? { failure } : {}),
  });
}

/**
 * Starts what is not running of the local stack (stopped again with the scope unless kept), then
 * synthesizes (or reuses) the cloud assembly.
 * In this order: right after an in-process synthesis the first requests took 2.5 s on a busy
 * machine, so the stack's 2-second readiness probes timed out and took the running services for
 * strangers on their ports.
 */
async function startAssembly(
  io: PipelineIo,
  scope: ResourceScope,
  keepStack: boolean,
): Promise<LocalAssembly> {
  await useLocalStack(scope, {
    keep: keepStack,
    progress: (service, message) => io.log(`${service}: ${message}`),
    log: io.log,
  });
  const assembly = await loadAssembly({ log: io.log });
  const { synthesis } = assembly;
  io.log(
    `assembly: ${displayPath(synthesis.templateFile)} (${synthesis.cached ? 'unchanged inputs, reused' : 'synthesized'} in ${synthesis.durationMs} ms)`,
  );
  return assembly;
}
