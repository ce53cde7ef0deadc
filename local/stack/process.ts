import { spawn } from 'node:child_process';
import { mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { logFile, pidFile } from './paths.js';

export interface RunningProcess {
  readonly service: string;
  readonly pid: number;
  readonly port: number;
  readonly startedAt: string;
  readonly command: string;
}

export interface SpawnOptions {
  readonly service: string;
  readonly port: number;
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd?: string;
  readonly env?: Record<string, string>;
}

/** Starts a server in its own process group, detached from ours, output to its log file. */
export function spawnServer(options: SpawnOptions): RunningProcess {
  const log = logFile(options.service);
  mkdirSync(dirname(log), { recursive: true });
  const fd = openSync(log, 'a');
  const child = spawn(options.command, options.args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    detached: true,
    stdio: ['ignore', fd, fd],
  });
  if (child.pid === undefined) throw new Error(`could not start ${options.command}`);
  child.unref();
  const running: RunningProcess = {
    service: options.service,
    pid: child.pid,
    port: options.port,
    startedAt: new Date().toISOString(),
    command: [options.command, ...options.args].join(' '),
  };
  const file = pidFile(options.service);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(running, null, 2));
  return running;
}

/** The process this checkout started for a service, if it is still alive. */
export function runningProcess(service: string): RunningProcess | undefined {
  let running: RunningProcess;
  try {
    running = JSON.parse(readFileSync(pidFile(service), 'utf8')) as RunningProcess;
  } catch {
    return undefined;
  }
  if (isAlive(running.pid)) return running;
  rmSync(pidFile(service), { force: true });
  return undefined;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Stops a server's whole process group: SIGTERM, then SIGKILL after the grace period. */
export async function stopServer(service: string, graceMs = 10_000): Promise<boolean> {
  const running = runningProcess(service);
  if (!running) return false;
  signalGroup(running.pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (isAlive(running.pid) && Date.now() < deadline) await sleep(100);
  if (isAlive(running.pid)) signalGroup(running.pid, 'SIGKILL');
  while (isAlive(running.pid)) await sleep(50);
  rmSync(pidFile(service), { force: true });
  return true;
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
  }
}
