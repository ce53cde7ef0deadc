import { createWriteStream, mkdirSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { EnvNames } from '../../../functions/lib/config/env-names.js';
import type { LocalResources } from '../../../local/assembly/bootstrap.js';
import { localEnvironment, localTargets } from '../../../local/assembly/environment.js';
import { readMappings } from '../../../local/assembly/event-source-mapping.js';
import { type AssemblyFunction, assemblyFunctions } from '../../../local/assembly/functions.js';
import { RegistryChoices } from '../../../local/assembly/registry-choice.js';
import { readTemplate } from '../../../local/assembly/template.js';
import { localAccount, localAws } from '../../../local/stack/config.js';
import { projectRoot } from '../../../local/stack/paths.js';
import { FunctionSandbox } from '../../../local/triggers/index.js';
import type { PipelineConfig, Role } from './config.js';
import { FaultsHarnessError } from './errors.js';

/** A function of the suite's synthesized app, with the environment it runs with in this run. */
export interface StagedFunction {
  readonly fn: AssemblyFunction;
  readonly env: Readonly<Record<string, string>>;
}

/** Where each run's function output goes (the suite's own output stays a results table). */
const logsDir = join(projectRoot, '.eventline', 'faults-logs');

/**
 * Refuses anything but a bundle staged in the assembly folder (`asset.<hash>/index.mjs`): a
 * handler imported from its TypeScript source would test something other than what deploys.
 */
export function assertStagedBundle(
  fn: Pick<AssemblyFunction, 'name' | 'codeFile'>,
  assemblyDir: string,
): void {
  const inside = relative(assemblyDir, fn.codeFile);
  if (isAbsolute(inside) || !/^asset\.[0-9a-f]+\/[^/]+\.[cm]?js$/.test(inside)) {
    throw new FaultsHarnessError(
      `${fn.name}: ${fn.codeFile} is not a bundle staged in ${assemblyDir}; the fault suite runs only what cdk synth staged`,
    );
  }
}

/** The function a role runs: the app's own outbox relay, or the suite's ledger consumer. */
function roleFunction(functions: readonly AssemblyFunction[], role: Role): AssemblyFunction {
  const fn =
    role === 'relay'
      ? functions.find((f) => f.name === 'outbox-relay')
      : functions.find((f) => f.logicalId.startsWith('FaultsLedger'));
  if (!fn) throw new FaultsHarnessError(`the suite's synthesized app has no function for the ${role} role`);
  return fn;
}

const refOf = (value: unknown): string | undefined =>
  (value as { Ref?: unknown } | undefined)?.Ref as string | undefined;

/**
 * The run's own tables and queue under the template's logical ids: the outbox the relay's stream
 * mapping reads, the failure queue it names, and the consumer's idempotency table. Resolving the
 * template's environment against them gives each function the run's names, as `npm start` gives
 * its prefix's.
 */
function runResources(template: ReturnType<typeof readTemplate>, fn: AssemblyFunction, run: PipelineConfig) {
  const tableArn = (name: string) => `arn:aws:dynamodb:${localAws.region}:${localAccount}:table/${name}`;
  const tables = new Map<string, { name: string; arn: string; streamArn?: string }>();
  const queues = new Map<string, { name: string; url: string; arn: string }>();
  for (const mapping of readMappings(template).filter((m) => m.functionLogicalId === fn.logicalId)) {
    if (mapping.source.kind === 'ddb-stream') {
      tables.set(mapping.source.tableLogicalId, {
        name: run.outboxTable,
        arn: tableArn(run.outboxTable),
        streamArn: run.streamArn,
      });
    }
    if (mapping.onFailure?.kind === 'sqs') {
      const name = run.failureQueueUrl.split('/').at(-1) as string;
      queues.set(mapping.onFailure.queueLogicalId, {
        name,
        url: run.failureQueueUrl,
        arn: `arn:aws:sqs:${localAws.region}:${localAccount}:${name}`,
      });
    }
  }
  const idempotency = refOf(fn.environment[EnvNames.idempotencyTableName]);
  if (idempotency)
    tables.set(idempotency, { name: run.idempotencyTable, arn: tableArn(run.idempotencyTable) });
  const resources: LocalResources = { tables, queues, topics: [run.topic] };
  return resources;
}

/**
 * The role's function from the suite's cloud assembly: its staged bundle (refused otherwise) and
 * the template's environment resolved to the run's resources and the local stack, with the run's
 * `overrides` on top (its one-topic manifest, a proxy's address, the ledger consumer's faults).
 */
export function stagedFunction(
  run: PipelineConfig,
  role: Role,
  overrides: Readonly<Record<string, string>>,
): StagedFunction {
  const template = readTemplate(run.app.templateFile);
  const fn = roleFunction(assemblyFunctions(template, run.app.directory), role);
  assertStagedBundle(fn, run.app.directory);
  const targets = localTargets(template, runResources(template, fn, run));
  return { fn, env: { ...localEnvironment(fn, targets, RegistryChoices.apicurio), ...overrides } };
}

/** A started sandbox running the staged bundle, its output in `.eventline/faults-logs/<run>-<role>.log`. */
export async function startSandbox(
  run: PipelineConfig,
  role: Role,
  staged: StagedFunction,
): Promise<{ sandbox: FunctionSandbox; stop: () => Promise<void> }> {
  mkdirSync(logsDir, { recursive: true });
  const logs = createWriteStream(join(logsDir, `${run.runId}-${role}.log`), { flags: 'a' });
  const sandbox = new FunctionSandbox({
    functionName: staged.fn.name,
    modulePath: staged.fn.codeFile,
    exportName: staged.fn.exportName,
    env: staged.env,
    logs,
  });
  await sandbox.start();
  return {
    sandbox,
    stop: async () => {
      await sandbox.stop();
      await new Promise<void>((resolve) => logs.end(resolve));
    },
  };
}
