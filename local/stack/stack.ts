import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { apicurio } from './apicurio.js';
import { HOST } from './config.js';
import { dynamodb } from './dynamodb.js';
import { StackError } from './errors.js';
import { kafka } from './kafka.js';
import { moto } from './moto.js';
import { logFile } from './paths.js';
import { portIsFree } from './ports.js';
import { runningProcess, spawnServer, stopServer } from './process.js';
import { registry } from './registry-service.js';
import type { ServiceDefinition } from './service.js';

/** Every server of the local stack, in the order they are listed to the user. */
export const services: readonly ServiceDefinition[] = [kafka, dynamodb, moto, registry, apicurio];

export type ServiceState = 'running' | 'external' | 'stopped' | 'unhealthy';

export interface ServiceStatus {
  readonly name: string;
  readonly description: string;
  readonly url: string;
  readonly state: ServiceState;
  readonly pid?: number;
  readonly log: string;
}

export interface UpResult {
  /** Services this call started (and so the caller may stop again). */
  readonly started: readonly string[];
  /** Services already answering before this call. */
  readonly reused: readonly string[];
}

export type Progress = (service: string, message: string) => void;

function select(names?: readonly string[]): readonly ServiceDefinition[] {
  if (!names || names.length === 0) return services;
  const unknown = names.filter((name) => !services.some((service) => service.name === name));
  if (unknown.length > 0) {
    throw new StackError(
      `unknown service ${unknown.join(', ')}; known: ${services.map((s) => s.name).join(', ')}`,
    );
  }
  return services.filter((service) => names.includes(service.name));
}

/**
 * Starts every service that is not already answering, in parallel, and waits for each to be
 * ready. Harmless to call again: a ready service is left alone.
 */
export function stackUp(names?: readonly string[], progress: Progress = () => {}): Promise<UpResult> {
  return upServices(select(names), progress);
}

/** Starts the given services (see stackUp); exported for tests with their own definitions. */
export async function upServices(
  chosen: readonly ServiceDefinition[],
  progress: Progress = () => {},
): Promise<UpResult> {
  const outcomes = await Promise.allSettled(chosen.map((service) => startOne(service, progress)));
  const started = chosen.filter(
    (_, i) => outcomes[i]?.status === 'fulfilled' && outcomes[i].value === 'started',
  );
  const reused = chosen.filter(
    (_, i) => outcomes[i]?.status === 'fulfilled' && outcomes[i].value === 'reused',
  );
  const failures = outcomes.flatMap((outcome) =>
    outcome.status === 'rejected' ? [outcome.reason as Error] : [],
  );
  if (failures.length > 0) {
    await Promise.all(started.map((service) => stopServer(service.name)));
    throw new StackError(failures.map((error) => error.message).join('\n'));
  }
  return { started: started.map((s) => s.name), reused: reused.map((s) => s.name) };
}

async function startOne(service: ServiceDefinition, progress: Progress): Promise<'started' | 'reused'> {
  if (await service.probe()) {
    progress(service.name, 'already running');
    return 'reused';
  }
  if (runningProcess(service.name)) {
    // Started by an earlier `up` that is still coming up: wait for it rather than start twice.
    progress(service.name, 'starting (earlier start still in progress)');
    await waitReady(service);
    return 'reused';
  }
  for (const port of [service.port, ...(service.extraPorts ?? [])]) {
    if (!(await portIsFree(HOST, port))) {
      throw new StackError(
        `${service.name}: port ${port} on ${HOST} is in use by another program that is not a ready ${service.name}; stop it (\`ss -ltnp 'sport = :${port}'\` shows which) and retry`,
      );
    }
  }
  progress(service.name, 'preparing');
  const spec = await service.prepare();
  progress(service.name, 'starting');
  spawnServer({ service: service.name, port: service.port, ...spec });
  await waitReady(service);
  await service.configure?.();
  progress(service.name, 'ready');
  return 'started';
}

async function waitReady(service: ServiceDefinition): Promise<void> {
  const deadline = Date.now() + service.startTimeoutMs;
  while (Date.now() < deadline) {
    if (await service.probe()) return;
    if (!runningProcess(service.name)) {
      throw new StackError(
        `${service.name} exited while starting: ${lastLogLine(service.name)} (log: ${logFile(service.name)})`,
      );
    }
    await sleep(250);
  }
  await stopServer(service.name);
  throw new StackError(
    `${service.name} was not ready after ${service.startTimeoutMs / 1000}s and was stopped (log: ${logFile(service.name)})`,
  );
}

function lastLogLine(service: string): string {
  try {
    const lines = readFileSync(logFile(service), 'utf8').trim().split('\n');
    return lines.filter((line) => /error|exception|fail/i.test(line)).at(-1) ?? lines.at(-1) ?? 'no output';
  } catch {
    return 'no output';
  }
}

/** Stops the services this checkout started. Returns the names it stopped. */
export async function stackDown(names?: readonly string[]): Promise<string[]> {
  const chosen = select(names);
  const stopped = await Promise.all(chosen.map((service) => stopServer(service.name)));
  return chosen.filter((_, i) => stopped[i]).map((service) => service.name);
}

export async function stackStatus(): Promise<ServiceStatus[]> {
  return Promise.all(
    services.map(async (service) => {
      const running = runningProcess(service.name);
      const ready = await service.probe();
      const state: ServiceState = running
        ? ready
          ? 'running'
          : 'unhealthy'
        : ready
          ? 'external'
          : 'stopped';
      return {
        name: service.name,
        description: service.description,
        url: `${HOST}:${service.port}`,
        state,
        ...(running ? { pid: running.pid } : {}),
        log: logFile(service.name),
      };
    }),
  );
}
