import { Command } from 'commander';
import { formatEnv, stackEnv } from '../../stack/env.js';
import { logDir } from '../../stack/paths.js';
import { stackDown, stackStatus, stackUp } from '../../stack/stack.js';

export function stackCommand(): Command {
  const stack = new Command('stack').description('the local stack: Kafka, DynamoDB Local, moto, Apicurio');

  stack
    .command('up')
    .description('start every local service that is not already running and wait until each is ready')
    .argument('[services...]', 'only these services')
    .action(async (names: string[]) => {
      const started = Date.now();
      const result = await stackUp(names, (service, message) =>
        process.stderr.write(`${service}: ${message}\n`),
      );
      process.stderr.write(
        `stack ready in ${((Date.now() - started) / 1000).toFixed(1)}s (started: ${result.started.join(', ') || 'none'}; already running: ${result.reused.join(', ') || 'none'})\n`,
      );
      process.stdout.write(`${formatEnv(stackEnv())}\n`);
    });

  stack
    .command('down')
    .description('stop the services this checkout started')
    .argument('[services...]', 'only these services')
    .action(async (names: string[]) => {
      const stopped = await stackDown(names);
      process.stderr.write(`stopped: ${stopped.join(', ') || 'nothing was running'}\n`);
    });

  stack
    .command('status')
    .description('state, address, pid and log file of each service')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      const statuses = await stackStatus();
      if (options.json) {
        process.stdout.write(`${JSON.stringify(statuses, null, 2)}\n`);
        return;
      }
      for (const s of statuses) {
        process.stdout.write(
          `${s.name.padEnd(10)} ${s.state.padEnd(9)} ${s.url.padEnd(16)} ${String(s.pid ?? '-').padEnd(8)} ${s.log}\n`,
        );
      }
      process.stdout.write(`logs: ${logDir}\n`);
    });

  stack
    .command('env')
    .description('print the endpoints as environment variables (eval "$(eventline stack env)")')
    .option('--json', 'print JSON')
    .action((options: { json?: boolean }) => {
      const env = stackEnv();
      process.stdout.write(options.json ? `${JSON.stringify(env, null, 2)}\n` : `${formatEnv(env)}\n`);
    });

  return stack;
}
