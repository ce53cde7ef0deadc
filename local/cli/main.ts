import './check-ports.js';
import { readFileSync } from 'node:fs';
import { Command } from 'commander';
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

/**
 * Each command's module, loaded only when needed: a command's module brings its whole graph (AWS
 * SDK clients, kafkajs, the serdes), and loading all of them cost every invocation about a
 * second more than loading the one it runs. In the order `--help` lists them.
 */
const commands = {
  stack: async () => (await import('./commands/stack.js')).stackCommand(),
  bootstrap: async () => (await import('./commands/bootstrap.js')).bootstrapCommand(),
  invoke: async () => (await import('./commands/invoke.js')).invokeCommand(),
  start: async () => (await import('./commands/start.js')).startCommand(),
  events: async () => (await import('./commands/events.js')).eventsCommand(),
  decode: async () => (await import('./commands/decode.js')).decodeCommand(),
  dlq: async () => (await import('./commands/dlq.js')).dlqCommand(),
  schemas: async () => (await import('./commands/schemas.js')).schemasCommand(),
  smoke: async () => (await import('./commands/smoke.js')).smokeCommand(),
  consume: async () => (await import('./commands/consume.js')).consumeCommand(),
  produce: async () => (await import('./commands/produce.js')).produceCommand(),
  topics: async () => (await import('./commands/topics.js')).topicsCommand(),
  groups: async () => (await import('./commands/groups.js')).groupsCommand(),
  trace: async () => (await import('./commands/trace.js')).traceCommand(),
  stats: async () => (await import('./commands/stats.js')).statsCommand(),
  'relay-failures': async () => (await import('./commands/relay-failures.js')).relayFailuresCommand(),
} as const satisfies Record<string, () => Promise<Command>>;

// The program has no option that takes a value, so its first word that is not an option names the
// command. Anything else (no command, `help`, an unknown or misspelt one) gets every command, so
// help listings and "did you mean" suggestions stay whole.
const named = process.argv.slice(2).find((arg) => !arg.startsWith('-'));
const needed = named !== undefined && Object.hasOwn(commands, named) ? [named] : Object.keys(commands);
for (const name of needed) program.addCommand(await commands[name as keyof typeof commands]());

await runCli(program, process.argv);
