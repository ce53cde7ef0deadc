import { setTimeout as sleep } from 'node:timers/promises';
import { Command, InvalidArgumentError } from 'commander';
import { logLevel } from 'kafkajs';
import { type ConnectionFlags, kafkaFor, withConnection } from '../../kafka/connection.js';
import { liveRenderer } from '../../pipeline/view.js';
import { collectStats, formatStats, type StatsReport } from '../../stats/index.js';

interface StatsFlags extends ConnectionFlags {
  readonly group?: string;
  readonly topicPrefix?: string;
  readonly json?: boolean;
  /** Seconds between reports; `true` when the flag is given without a value. */
  readonly watch?: number | true;
}

export interface StatsCommandDeps {
  /** @default process.stdout */
  readonly write?: (text: string) => void;
}

const defaultWatchSeconds = 5;

function seconds(text: string): number {
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('expected a number of seconds above 0');
  return n;
}

/** `eventline stats`: the dashboard's lag and DLQ figures, read from the cluster, once or every few seconds. */
export function statsCommand(deps: StatsCommandDeps = {}): Command {
  const write = deps.write ?? ((text: string) => process.stdout.write(text));
  return withConnection(
    new Command('stats').description(
      'Consumer lag per group and topic in records and in time (age of the oldest unconsumed record), and DLQ records per topic, group and reason',
    ),
  )
    .option(
      '--group <group>',
      'only this consumer group: its Kafka groups (itself and <group>.<topic>) and its DLQ records',
    )
    .option('--topic-prefix <prefix>', 'only topics whose name starts with this')
    .option('--json', 'the figures as one JSON document (one per line with --watch)')
    .option(
      '--watch [seconds]',
      `report again every few seconds (default ${defaultWatchSeconds}) until Ctrl-C`,
      seconds,
    )
    .action(async (flags: StatsFlags) => {
      const kafka = await kafkaFor(flags, { clientId: 'eventline-stats', logLevel: logLevel.NOTHING });
      const collect = () =>
        collectStats(kafka, {
          ...(flags.group ? { group: flags.group } : {}),
          ...(flags.topicPrefix ? { topicPrefix: flags.topicPrefix } : {}),
        });
      const render = (report: StatsReport) =>
        flags.json ? `${JSON.stringify(report)}\n` : formatStats(report);
      if (flags.watch === undefined) {
        const report = await collect();
        write(flags.json ? `${JSON.stringify(report, null, 2)}\n` : render(report));
        return;
      }
      const every = flags.watch === true ? defaultWatchSeconds : flags.watch;
      const stopped = new AbortController();
      process.once('SIGINT', () => stopped.abort());
      // On a terminal the text report is redrawn in place; piped, every report is appended.
      const redraw = !flags.json && process.stdout.isTTY ? liveRenderer(process.stdout) : undefined;
      while (!stopped.signal.aborted) {
        const text = render(await collect());
        if (redraw) redraw(text.trimEnd().split('\n'));
        else write(text);
        await sleep(every * 1000, undefined, { signal: stopped.signal }).catch(() => undefined);
      }
    });
}
