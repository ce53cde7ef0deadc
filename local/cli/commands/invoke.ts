import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { Command, Option } from 'commander';
import { loadManifest } from '../../../functions/lib/manifest/index.js';
import {
  displayPath,
  findFunction,
  loadAssembly,
  localEnvironment,
  localTargets,
  type RegistryChoice,
  RegistryChoices,
  registryEnv,
} from '../../assembly/index.js';
import { bootstrapAssembly } from '../../pipeline/bootstrap.js';
import { openClients } from '../../pipeline/clients.js';
import { ResourceScope } from '../../pipeline/scope.js';
import { stackEnv } from '../../stack/env.js';
import { invokeHandler } from '../../triggers/invoke.js';
import { FunctionSandbox } from '../../triggers/sandbox.js';
import { CliError } from '../run.js';

interface InvokeFlags {
  readonly event: string;
  readonly timeout?: string;
  readonly env: string[];
  readonly registry: RegistryChoice;
  readonly prefix: string;
}

interface InvokeTarget {
  readonly name: string;
  readonly modulePath: string;
  readonly exportName: string;
  readonly env: Record<string, string>;
  readonly timeoutMs: number;
}

/** `eventline invoke <function> --event FILE`: one invocation against the local stack, like `sam local invoke`. */
export function invokeCommand(): Command {
  return new Command('invoke')
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
    .addOption(
      new Option('--registry <kind>', 'schema registry')
        .choices(Object.values(RegistryChoices))
        .default('apicurio'),
    )
    .option(
      '--prefix <prefix>',
      "local name prefix of the template's tables and queues, as `npm start` uses",
      'eventline',
    )
    .action(async (name: string, flags: InvokeFlags) => {
      const event = await readEvent(flags.event);
      const scope = new ResourceScope();
      try {
        const target = isFile(name) ? fileTarget(name, flags) : await assemblyTarget(name, flags, scope);
        for (const pair of flags.env) {
          const at = pair.indexOf('=');
          if (at <= 0) throw new CliError(`--env takes NAME=VALUE, got "${pair}"`);
          target.env[pair.slice(0, at)] = pair.slice(at + 1);
        }
        await invokeOnce(target, event, flags.timeout ? Number(flags.timeout) : target.timeoutMs, scope);
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
  const boot = await bootstrapAssembly(assembly, flags, clients, loadManifest());
  const env = localEnvironment(fn, localTargets(assembly.template, boot.resources), flags.registry);
  process.stderr.write(
    `${fn.name}: ${displayPath(fn.codeFile)} (${fn.logicalId} in ${displayPath(assembly.synthesis.templateFile)})\n`,
  );
  return {
    name: fn.name,
    modulePath: fn.codeFile,
    exportName: fn.exportName,
    env,
    timeoutMs: fn.timeoutSeconds * 1000,
  };
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

async function invokeOnce(target: InvokeTarget, event: unknown, timeoutMs: number, scope: ResourceScope) {
  const sandbox = await scope.use(
    'sandbox',
    async () => {
      const s = new FunctionSandbox({
        functionName: target.name,
        modulePath: target.modulePath,
        exportName: target.exportName,
        env: target.env,
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
