import { type ChildProcess, spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { samePressMs } from '../../../local/cli/interrupts.js';
import { stackEnv } from '../../../local/stack/env.js';
import { uniqueName } from '../../support/local-aws.js';
import { waitFor } from '../../support/wait-for.js';
import { root } from '../cli/support.js';
import { dropPrefixTables } from './run-support.js';

interface Interactive {
  readonly child: ChildProcess;
  readonly stderr: () => string;
  /** npm ends itself with the signal once its script has exited, whatever the script's exit code. */
  readonly exited: Promise<void>;
  /** Ctrl-C in a terminal: SIGINT to the whole foreground process group (npm, its shell, node). */
  readonly ctrlC: () => void;
}

/** `npm start` as a user runs it, in a process group of its own as a terminal's foreground job. */
function npmStart(prefix: string): Interactive {
  const child = spawn(
    'npm',
    ['start', '--', '--prefix', prefix, '--keep-stack', '--rate', '5', '--stream-poll-ms', '50'],
    {
      cwd: root,
      env: { ...process.env, ...stackEnv() },
      detached: true,
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<void>((resolve) => child.on('close', () => resolve()));
  return { child, stderr: () => stderr, exited, ctrlC: () => process.kill(-(child.pid as number), 'SIGINT') };
}

/** Without a TTY the view is a line every 5 s; one with orders placed means the demo is flowing. */
const flowing = (run: Interactive) =>
  waitFor(() => /orders placed\s+[1-9]/.test(run.stderr()), {
    what: 'orders flowing',
    timeoutMs: 180_000,
    intervalMs: 500,
  });

describe('Ctrl-C on npm start', () => {
  const prefixes: string[] = [];
  afterAll(() => Promise.all(prefixes.map((p) => dropPrefixTables(p))));

  it('stops gracefully on one press and prints the summary, though npm delivers the signal twice', async () => {
    const prefix = uniqueName('eventline-ctrlc');
    prefixes.push(prefix);
    const run = npmStart(prefix);
    await flowing(run);

    run.ctrlC();
    await run.exited;

    expect(run.stderr().match(/stopping…/g), run.stderr().slice(-2000)).toHaveLength(1);
    expect(run.stderr()).toMatch(/stopped: [1-9]\d* orders, \d+ projected, \d+ unaccounted for/);
  }, 300_000);

  // The second press must land while the graceful stop still runs; a small run can finish stopping
  // in under a second on an idle machine, so the press is timed from the first one, and a run that
  // had already stopped is tried again (a broken second press fails every attempt).
  it('exits at once on a second press, without the summary', { retry: 2, timeout: 300_000 }, async () => {
    const prefix = uniqueName('eventline-ctrlc');
    prefixes.push(prefix);
    const run = npmStart(prefix);
    await flowing(run);

    run.ctrlC();
    const first = Date.now();
    await waitFor(() => run.stderr().includes('stopping…'), { what: 'the graceful stop' });
    await sleep(Math.max(0, first + samePressMs + 30 - Date.now()));
    const pressed = Date.now();
    run.ctrlC();
    await run.exited;

    expect(run.stderr(), run.stderr().slice(-2000)).toContain('exiting at once');
    expect(Date.now() - pressed).toBeLessThan(5000);
    expect(run.stderr()).not.toMatch(/stopped: \d+ orders/);
  });
});
