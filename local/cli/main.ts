import './check-ports.js';
import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { bootstrapCommand } from './commands/bootstrap.js';
import { consumeCommand } from './commands/consume.js';
import { decodeCommand } from './commands/decode.js';
import { dlqCommand } from './commands/dlq.js';
import { eventsCommand } from './commands/events.js';
import { groupsCommand } from './commands/groups.js';
import { invokeCommand } from './commands/invoke.js';
import { produceCommand } from './commands/produce.js';
import { relayFailuresCommand } from './commands/relay-failures.js';
import { schemasCommand } from './commands/schemas.js';
import { smokeCommand } from './commands/smoke.js';
import { stackCommand } from './commands/stack.js';
import { startCommand } from './commands/start.js';
import { statsCommand } from './commands/stats.js';
import { topicsCommand } from './commands/topics.js';
import { traceCommand } from './commands/trace.js';
import { runCli } from './run.js';

function packageVersion(): string {
  const file = new URL('../../package.json', import.meta.url);
  return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
}

const program = new Command('eventline')
  .description(
    'Schema-governed, event-driven services on AWS: local stack, bootstrap, schemas, decode, consume, produce, topics, groups, invoke, events, dlq, smoke, trace, stats',
  )
  .version(packageVersion(), '-V, --version', 'print the version of eventline')
  .showHelpAfterError();

program.addCommand(stackCommand());
program.addCommand(bootstrapCommand());
program.addCommand(invokeCommand());
program.addCommand(startCommand());
program.addCommand(eventsCommand());
program.addCommand(decodeCommand());
program.addCommand(dlqCommand());
program.addCommand(schemasCommand());
program.addCommand(smokeCommand());
program.addCommand(consumeCommand());
program.addCommand(produceCommand());
program.addCommand(topicsCommand());
program.addCommand(groupsCommand());
program.addCommand(traceCommand());
program.addCommand(statsCommand());
program.addCommand(relayFailuresCommand());

await runCli(program, process.argv);
