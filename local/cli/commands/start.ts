import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Command, Option } from 'commander';
import {
  defaultPipelineOptions,
  describeLocalSettings,
  liveRenderer,
  type PipelineOptions,
  renderView,
  runPipeline,
} from '../../pipeline/index.js';
import { logDir } from '../../stack/paths.js';
import { uniqueName } from '../../stack/unique-name.js';
import { handleInterrupts } from '../interrupts.js';
import { localPipelineRegistry, type RegistryFlags, withRegistryFlags } from '../registry-flags.js';
import { CliError } from '../run.js';

interface StartFlags extends RegistryFlags {
  readonly orders?: string;
  readonly rate: string;
  readonly duration?: string;
  readonly poisonRate: string;
  readonly warmup: string;
  readonly prefix?: string;
  readonly streamPollMs: string;
  readonly batchingWindowMs: string;
  readonly timeout: string;
  readonly keep?: boolean;
  readonly keepStack?: boolean;
  readonly kafkaStartingPosition: PipelineOptions['kafkaStartingPosition'];
}

/** `npm start`: the whole pipeline on the laptop, with a live view; `--orders N` for a bounded run. */
export function startCommand(): Command {
  const d = defaultPipelineOptions;
  return withRegistryFlags(new Command('start'), {
    when: "default: apicurio; the local functions run against the local stack's registries only",
    glueEndpoint: false,
  })
    .description(
      'run the pipeline locally: the CDK app synthesized (cdk.out), its tables/queue/topics, its function bundles behind local triggers configured from its event source mappings, demo orders, live view',
    )
    .option(
      '--orders <n>',
      'bounded run: place N orders, exit when all are accounted for, print one JSON summary line',
    )
    .option('--rate <ordersPerSecond>', 'demo orders per second', String(d.rate))
    .option('--duration <seconds>', 'stop the demo after this long')
    .option('--poison-rate <r>', 'share of orders followed by a poison record (0..1)', String(d.poisonRate))
    .option(
      '--warmup <orders>',
      'leave the first N orders out of the latency figures (cold starts; reported apart)',
      String(d.warmupOrders),
    )
    .option(
      '--prefix <prefix>',
      "local name prefix of the template's tables and queues and of the consumer groups (default: eventline, or a fresh one per bounded run)",
    )
    .option(
      '--stream-poll-ms <ms>',
      'local speed-up: DynamoDB Streams poll interval (Lambda: 250)',
      String(d.streamPollMs),
    )
    .option(
      '--batching-window-ms <ms>',
      "local speed-up: replaces the Kafka mappings' MaximumBatchingWindowInSeconds",
      String(d.batchingWindowMs),
    )
    .addOption(
      new Option(
        '--kafka-starting-position <where>',
        "where a new local consumer group starts: LATEST (the local topics keep earlier runs' records) or the template's StartingPosition",
      )
        .choices(['LATEST', 'template'])
        .default(d.kafkaStartingPosition),
    )
    .option('--timeout <seconds>', 'bounded run: give up (exit 1) after this long', String(d.timeoutSeconds))
    .option('--keep', 'bounded run: keep its tables afterwards')
    .option(
      '--keep-stack',
      'leave running the local stack services this run started (by default it stops them when it ends; services already running are never stopped)',
    )
    .action(async (flags: StartFlags) => {
      const options = parseFlags(flags);
      mkdirSync(logDir, { recursive: true });
      const logs = join(logDir, 'functions.log');
      const functionLogs = createWriteStream(logs, { flags: 'a' });
      const abort = new AbortController();
      const removeHandlers = handleInterrupts({
        onFirst: () => {
          process.stderr.write('stopping… (Ctrl-C again to exit at once)\n');
          abort.abort();
        },
        onSecond: () => {
          // Stream positions and Kafka offsets are stored after each finished batch: a batch
          // under way now is delivered again on the next start (at-least-once, as in Lambda).
          process.stderr.write('exiting at once: no summary, the stack services it started keep running\n');
          process.exit(130);
        },
      });
      const tty = process.stderr.isTTY === true;
      const draw = tty ? liveRenderer(process.stderr) : undefined;
      let lastLine = 0;
      try {
        const summary = await runPipeline(options, {
          log: (line) => process.stderr.write(`${line}\n`),
          functionLogs,
          signal: abort.signal,
          onTick: (stats) => {
            const lines = renderView(stats, {
              registry: options.registry,
              logs,
              localSettings: describeLocalSettings(options),
            });
            if (draw) draw(lines);
            else if (Date.now() - lastLine > 5000) {
              lastLine = Date.now();
              process.stderr.write(`${lines.slice(1, 12).join(' |')}\n`);
            }
          },
        });
        if (options.orders !== undefined) {
          process.stdout.write(`${JSON.stringify(summary)}\n`);
          if (!summary.ok) process.exitCode = 1;
        } else {
          process.stderr.write(
            `stopped: ${summary.orders} orders, ${summary.projected} projected, ${summary.lost} unaccounted for\n`,
          );
        }
      } finally {
        removeHandlers();
        await new Promise((r) => functionLogs.end(r));
      }
    });
}

function parseFlags(flags: StartFlags): PipelineOptions {
  const number = (value: string | undefined, name: string, min: number, max = Number.POSITIVE_INFINITY) => {
    const n = Number(value);
    if (!Number.isFinite(n) || n < min || n > max)
      throw new CliError(`${name} must be a number from ${min} to ${max}, got "${value}"`);
    return n;
  };
  const orders = flags.orders === undefined ? undefined : number(flags.orders, '--orders', 1);
  return {
    rate: number(flags.rate, '--rate', 0.1),
    ...(orders !== undefined ? { orders } : {}),
    ...(flags.duration !== undefined ? { durationSeconds: number(flags.duration, '--duration', 1) } : {}),
    poisonRate: number(flags.poisonRate, '--poison-rate', 0, 1),
    warmupOrders: wholeNumber(
      number(flags.warmup, '--warmup', 0, orders === undefined ? Number.POSITIVE_INFINITY : orders - 1),
      '--warmup',
    ),
    registry: localPipelineRegistry(flags),
    prefix:
      flags.prefix ??
      // Random, so bounded runs started in the same millisecond still get pipelines of their own.
      (orders !== undefined ? uniqueName('eventline-run') : defaultPipelineOptions.prefix),
    streamPollMs: number(flags.streamPollMs, '--stream-poll-ms', 1),
    batchingWindowMs: number(flags.batchingWindowMs, '--batching-window-ms', 0),
    timeoutSeconds: number(flags.timeout, '--timeout', 1),
    keep: flags.keep === true,
    keepStack: flags.keepStack === true,
    kafkaStartingPosition: flags.kafkaStartingPosition,
  };
}

function wholeNumber(n: number, name: string): number {
  if (!Number.isInteger(n)) throw new CliError(`${name} must be a whole number, got ${n}`);
  return n;
}
