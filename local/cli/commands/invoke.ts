import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { Command, Option } from 'commander';
import {
  functionEnv,
  localResources,
  type RegistryChoice,
  RegistryChoices,
} from '../../pipeline/environment.js';
import { functionNameOf, handlerModule } from '../../pipeline/functions.js';
import { invokeHandler } from '../../triggers/invoke.js';
import { FunctionSandbox } from '../../triggers/sandbox.js';
import { CliError } from '../run.js';

interface InvokeFlags {
  readonly event: string;
  readonly timeout: string;
  readonly env: string[];
  readonly registry: RegistryChoice;
  readonly prefix: string;
}

/** `eventline invoke <function> --event FILE`: one invocation against the local stack, like `sam local invoke`. */
export function invokeCommand(): Command {
  return new Command('invoke')
    .description(
      'run one handler once with a test event against the local stack; print its result (stdout) and logs (stderr)',
    )
    .argument(
      '<function>',
      'a folder under functions/ (outbox-relay, order-projection, ...) or a handler file path',
    )
    .requiredOption('-e, --event <file>', 'the event JSON (see test/events/, or `eventline events generate`)')
    .option('-t, --timeout <ms>', 'invocation timeout', '30000')
    .option('--env <NAME=VALUE...>', 'extra environment variables for the function', [])
    .addOption(
      new Option('--registry <kind>', 'schema registry')
        .choices(Object.values(RegistryChoices))
        .default('apicurio'),
    )
    .option(
      '--prefix <prefix>',
      'resource name prefix (tables, consumer groups) as `npm start` uses',
      'eventline',
    )
    .action(async (target: string, flags: InvokeFlags) => {
      const fn = functionNameOf(target);
      const event = await readEvent(flags.event);
      const env = functionEnv(fn, { resources: localResources(flags.prefix), registry: flags.registry });
      for (const pair of flags.env) {
        const at = pair.indexOf('=');
        if (at <= 0) throw new CliError(`--env takes NAME=VALUE, got "${pair}"`);
        env[pair.slice(0, at)] = pair.slice(at + 1);
      }
      const sandbox = new FunctionSandbox({ functionName: fn, modulePath: handlerModule(target), env });
      try {
        await sandbox.start();
        const requestId = randomUUID();
        process.stderr.write(`START RequestId: ${requestId} Version: $LATEST\n`);
        const result = await invokeHandler(sandbox.handler, event, {
          functionName: fn,
          timeoutMs: Number(flags.timeout),
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
      } finally {
        await sandbox.stop();
      }
    });
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
