import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { Command } from 'commander';
import type { RecordOutcome } from '../../../functions/lib/consumer/outcomes.js';
import { loadManifest } from '../../../functions/lib/manifest/index.js';
import {
  bootstrapResources,
  displayPath,
  findFunction,
  type LocalResources,
  loadAssembly,
  localEnvironment,
  localTargets,
  missingResources,
  planResources,
  type RegistryChoice,
  registryEnv,
} from '../../assembly/index.js';
import { bootstrapAssembly } from '../../pipeline/bootstrap.js';
import { openClients } from '../../pipeline/clients.js';
import { ResourceScope } from '../../pipeline/scope.js';
import { stackEnv } from '../../stack/env.js';
import { invokeHandler } from '../../triggers/invoke.js';
import {
  describeOutcomes,
  failedOnMissingResource,
  mskRecordPositions,
} from '../../triggers/record-outcomes.js';
import { FunctionSandbox } from '../../triggers/sandbox.js';
import { localPipelineRegistry, type RegistryFlags, withRegistryFlags } from '../registry-flags.js';
import { CliError } from '../run.js';

interface InvokeFlags {
  readonly event: string;
  readonly timeout?: string;
  readonly env: string[];
  readonly registry: RegistryChoice;
  readonly prefix: string;
  /** False with --no-bootstrap: check the template's resources, create none. */
  readonly bootstrap: boolean;
}

interface InvokeTarget {
  readonly name: string;
  readonly modulePath: string;
  readonly exportName: string;
  readonly env: Record<string, string>;
  readonly timeoutMs: number;
  /** What of the app's resources is missing now (`table <name>`, ...); undefined for a file outside the app. */
  readonly missing?: () => Promise<string[]>;
}

/** `eventline invoke <function> --event FILE`: one invocation against the local stack, like `sam local invoke`. */
export function invokeCommand(): Command {
  return withRegistryFlags(new Command('invoke'), {
    when: "default: apicurio; the local functions run against the local stack's registries only",
    glueEndpoint: false,
  })
    .description(
      'run one function once with a test event against the local stack: its staged bundle from the synthesized CDK app, with the environment the template gives it (resolved to the local resources, created if missing); print its result (stdout) and logs (stderr)',
    )
    .argument(
      '<function>',
      'a function of the CDK app by its handler folder (outbox-relay, order-projection, ...) or logical id; or a handler file path (run as is, outside the app)',
    )
    .requiredOption('-e, --event <file>', 'the event JSON (see test/events/, or `eventline events generate`)')
    .option('-t, --timeout <ms>', "invocation timeout (default: the template's Timeout; 30000 for a file)")
    .option(
      '--env <NAME=VALUE...>',
      'extra environment variables for the function (override the template)',
      [],
    )
    .option(
      '--prefix <prefix>',
      "local name prefix of the template's tables and queues, as `npm start` uses",
      'eventline',
    )
    .option(
      '--no-bootstrap',
      'create nothing: refuse, naming them, when resources of the template are missing (as `eventline bootstrap` would create them)',
    )
    .action(async (name: string, given: Omit<InvokeFlags, 'registry'> & RegistryFlags) => {
      const flags: InvokeFlags = { ...given, registry: localPipelineRegistry(given) };
      const event = await readEvent(flags.event);
      const scope = new ResourceScope();
      try {
        const target = isFile(name) ? fileTarget(name, flags) : await assemblyTarget(name, flags, scope);
        for (const pair of flags.env) {
          const at = pair.indexOf('=');
          if (at <= 0) throw new CliError(`--env takes NAME=VALUE, got "${pair}"`);
          target.env[pair.slice(0, at)] = pair.slice(at + 1);
        }
        await invokeOnce(
          target,
          event,
          flags.timeout ? Number(flags.timeout) : target.timeoutMs,
          scope,
          flags,
        );
      } finally {
        await scope.close();
      }
    });
}

function isFile(name: string): boolean {
  return /\.(ts|mts|js|mjs|cjs)$/.test(name);
}

/** A function of the app: synthesize (or reuse) the assembly, create its resources, resolve its environment. */
async function assemblyTarget(name: string, flags: InvokeFlags, scope: ResourceScope): Promise<InvokeTarget> {
  const assembly = await loadAssembly({ log: (line) => process.stderr.write(`${line}\n`) });
  const fn = findFunction(assembly.functions, name);
  const clients = await openClients(scope);
  const plan = planResources(assembly.template, flags.prefix);
  let resources: LocalResources;
  if (flags.bootstrap) {
    const boot = await bootstrapAssembly(assembly, flags, clients, loadManifest());
    if (boot.created.length > 0) process.stderr.write(`bootstrap: created ${boot.created.join(', ')}\n`);
    resources = boot.resources;
  } else {
    const missing = await missingResources(plan, clients);
    if (missing.length > 0) throw new CliError(missingLine(fn.name, missing, flags.prefix));
    // Everything exists, so this creates nothing: it reads the ARNs and URLs the environment needs.
    resources = (await bootstrapResources(plan, clients)).resources;
  }
  const env = localEnvironment(fn, localTargets(assembly.template, resources), flags.registry);
  process.stderr.write(
    `${fn.name}: ${displayPath(fn.codeFile)} (${fn.logicalId} in ${displayPath(assembly.synthesis.templateFile)})\n`,
  );
  return {
    name: fn.name,
    modulePath: fn.codeFile,
    exportName: fn.exportName,
    env,
    timeoutMs: fn.timeoutSeconds * 1000,
    missing: () => missingResources(plan, clients),
  };
}

function missingLine(functionName: string, missing: readonly string[], prefix: string): string {
  return `${functionName} needs what does not exist: ${missing.join(', ')}; run \`eventline bootstrap --prefix ${prefix}\` (or invoke without --no-bootstrap)`;
}

/** A handler file outside the app: the local stack's endpoints and the registry, plus --env. */
function fileTarget(file: string, flags: InvokeFlags): InvokeTarget {
  const name = basename(dirname(resolve(file)));
  return {
    name,
    modulePath: resolve(file),
    exportName: 'handler',
    env: { ...stackEnv(), ...registryEnv(flags.registry), AWS_LAMBDA_FUNCTION_NAME: name },
    timeoutMs: 30_000,
  };
}

async function invokeOnce(
  target: InvokeTarget,
  event: unknown,
  timeoutMs: number,
  scope: ResourceScope,
  flags: InvokeFlags,
) {
  const outcomes: RecordOutcome[] = [];
  const sandbox = await scope.use(
    'sandbox',
    async () => {
      const s = new FunctionSandbox({
        functionName: target.name,
        modulePath: target.modulePath,
        exportName: target.exportName,
        env: target.env,
        onOutcome: (outcome) => outcomes.push(outcome),
      });
      await s.start();
      return s;
    },
    (s) => s.stop(),
  );
  const requestId = randomUUID();
  process.stderr.write(`START RequestId: ${requestId} Version: $LATEST\n`);
  const result = await invokeHandler(sandbox.handler, event, {
    functionName: target.name,
    timeoutMs,
    requestId,
  });
  process.stderr.write(`END RequestId: ${result.requestId}\n`);
  process.stderr.write(
    `REPORT RequestId: ${result.requestId}\tDuration: ${result.durationMs.toFixed(2)} ms\n`,
  );
  const positions = mskRecordPositions(event);
  if (result.ok && positions.length > 0) {
    const { lines, allProcessed } = describeOutcomes(positions, outcomes);
    for (const line of lines) process.stderr.write(`${line}\n`);
    if (!allProcessed) process.exitCode = 1;
  }
  const missingCause = outcomes.find(failedOnMissingResource);
  if (missingCause) {
    const missing = (await target.missing?.()) ?? [];
    const cause = missingCause.error ? ` (${missingCause.error.name})` : '';
    throw new CliError(
      missing.length > 0
        ? missingLine(target.name, missing, flags.prefix)
        : `${target.name} uses a table, queue or topic that does not exist${cause}; run \`eventline bootstrap\` with the --prefix of its resources, or check its --env`,
    );
  }
  if (result.ok) {
    process.stdout.write(`${JSON.stringify(result.response ?? null, null, 2)}\n`);
    return;
  }
  process.stdout.write(
    `${JSON.stringify({ errorType: result.error.name, errorMessage: result.error.message })}\n`,
  );
  process.exitCode = 1;
}

async function readEvent(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new CliError(`cannot read the event file ${file}: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CliError(`the event file ${file} is not JSON: ${(error as Error).message}`);
  }
}
