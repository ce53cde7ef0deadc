import { EnvNames } from '../../functions/lib/config/env-names.js';
import { displayPath, type LocalAssembly } from '../assembly/index.js';
import type { PipelineClients } from './clients.js';
import { completionTimes } from './completions.js';
import { type DemoTargets, envOf } from './demo.js';
import type { RunningFunction } from './functions.js';
import type { PipelineOptions } from './options.js';
import type { PiiScan } from './pii-scan.js';
import { checkReadModel } from './read-model.js';
import type { PipelineStats } from './stats.js';
import { type FunctionSummary, type RunSummary, summarize } from './summary.js';

/**
 * The run's verdict once the demo has stopped: the read model read one last time (projected
 * orders, per-order order), the PII found in clear (and the addresses fulfilment decrypted), the applied latencies from the projection's idempotency records
 * (bounded runs only: their tables hold only their own events), and what each function ran.
 */
export async function finishRun(input: {
  readonly options: PipelineOptions;
  readonly clients: PipelineClients;
  readonly assembly: LocalAssembly;
  readonly functions: readonly RunningFunction[];
  readonly targets: DemoTargets;
  readonly stats: PipelineStats;
  readonly runId: string;
  readonly pii: PiiScan;
  /** Per-order order violations the relay tap saw. */
  readonly relayOrderViolations: number;
  readonly failure?: string;
}): Promise<RunSummary> {
  const { options, clients, stats, targets } = input;
  const check = await checkReadModel(clients.dynamodb, targets.readModelTable, input.runId);
  stats.projected = check.projected;
  const applied =
    options.orders !== undefined
      ? stats.applied(
          await completionTimes(
            clients.dynamodb,
            envOf(targets.projection, EnvNames.idempotencyTableName),
            envOf(targets.projection, EnvNames.consumerGroup),
          ),
        )
      : undefined;
  const fulfilment = input.functions.find((f) => EnvNames.fulfilmentTableName in f.env);
  const pii = await input.pii.figures(clients.dynamodb, fulfilment?.env[EnvNames.fulfilmentTableName]);
  return summarize(stats, {
    ...(applied ? { applied } : {}),
    pii,
    orders: stats.ordersPlaced,
    orderViolations: check.orderViolations + input.relayOrderViolations,
    streamPollMs: options.streamPollMs,
    batchingWindowMs: options.batchingWindowMs,
    kafkaStartingPosition: options.kafkaStartingPosition,
    functions: functionSummaries(input.assembly, input.functions),
    ...(input.failure ? { error: input.failure } : {}),
  });
}

/** Per function: the code file it ran, the TypeScript it was built from, the template it came from. */
function functionSummaries(
  assembly: LocalAssembly,
  functions: readonly RunningFunction[],
): Record<string, FunctionSummary> {
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
