import { Command } from 'commander';
import { decodeCommand } from './commands/decode.js';
import { dlqCommand } from './commands/dlq.js';
import { eventsCommand } from './commands/events.js';
import { invokeCommand } from './commands/invoke.js';
import { schemasCommand } from './commands/schemas.js';
import { smokeCommand } from './commands/smoke.js';
import { stackCommand } from './commands/stack.js';
import { startCommand } from './commands/start.js';
import { traceCommand } from './commands/trace.js';
import { runCli } from './run.js';

const program = new Command('eventline')
  .description(
    'Schema-governed, event-driven services on AWS: local stack, schemas, decode, invoke, events, dlq, smoke',
  )
  .showHelpAfterError();

program.addCommand(stackCommand());
program.addCommand(invokeCommand());
program.addCommand(startCommand());
program.addCommand(eventsCommand());
program.addCommand(decodeCommand());
program.addCommand(dlqCommand());
program.addCommand(schemasCommand());
program.addCommand(smokeCommand());
program.addCommand(traceCommand());

await runCli(program, process.argv);
