import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { EnvNames } from '../../functions/lib/config/env-names.js';
import { HOST, localAws, ports } from '../../local/stack/config.js';
import { stackEnv } from '../../local/stack/env.js';
import type { Row } from './row.js';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** How much work each benchmark does: `full` for the published figures, `quick` for a CI smoke run. */
export interface Profile {
  readonly mode: 'full' | 'quick';
  /** Records per run for in-process benchmarks (codecs, consumer path). */
  readonly records: number;
  readonly warmupRounds: number;
  readonly rounds: number;
  /** Records per run, and ABBA rounds, for benchmarks that cross the network. */
  readonly networkRecords: number;
  readonly networkRounds: number;
  /** ABBA rounds for request-latency benchmarks (one request per timed run). */
  readonly latencyRounds: number;
  /** Orders of the end-to-end latency run (B7; skipped in quick mode). */
  readonly pipelineOrders: number;
}

export const profiles = {
  full: {
    mode: 'full',
    records: 1000,
    warmupRounds: 20,
    rounds: 60,
    networkRecords: 500,
    networkRounds: 40,
    latencyRounds: 200,
    pipelineOrders: 500,
  },
  quick: {
    mode: 'quick',
    records: 200,
    warmupRounds: 10,
    rounds: 15,
    networkRecords: 100,
    networkRounds: 3,
    latencyRounds: 25,
    pipelineOrders: 100,
  },
} as const satisfies Record<string, Profile>;

export interface Endpoints {
  readonly kafkaBrokers: readonly string[];
  readonly dynamodb: string;
  readonly glue: string;
  readonly apicurio: string;
  readonly registryService: string;
  readonly aws: { readonly region: string; readonly accessKeyId: string; readonly secretAccessKey: string };
}

export interface BenchContext {
  readonly profile: Profile;
  readonly endpoints: Endpoints;
  readonly log: (message: string) => void;
  /** With `--cpu-prof DIR`: where to profile a row's variant (pass to compare's `profile`). */
  readonly cpuProfile: (rowId: string) => { readonly file: string; readonly runs: number } | undefined;
}

/** One benchmark: returns its rows, each with its goal; never throws for a missing module. */
export interface Benchmark {
  readonly id: string;
  readonly title: string;
  run(context: BenchContext): Promise<Row[]>;
}

/** The local stack's endpoints, with the same environment overrides the handlers honour. */
export function localEndpoints(env: NodeJS.ProcessEnv = process.env): Endpoints {
  const stack = stackEnv();
  const pick = (name: string) => env[name] ?? stack[name] ?? '';
  return {
    kafkaBrokers: pick(EnvNames.kafkaBrokers).split(','),
    dynamodb: pick(EnvNames.dynamodbEndpoint),
    glue: pick(EnvNames.glueEndpoint),
    apicurio: pick(EnvNames.apicurioUrl),
    registryService: env[EnvNames.registryUrl] ?? `http://${HOST}:${ports.registry}`,
    aws: localAws,
  };
}

/**
 * Modules under test land while this suite is written; a benchmark asks here first and
 * reports "not available: <module> missing" instead of failing.
 */
export function missingModule(relativePaths: readonly string[]): string | null {
  const missing = relativePaths.find((file) => !existsSync(path.join(repoRoot, file)));
  return missing === undefined ? null : `not available: ${missing} missing`;
}

/**
 * Imports a module of the project by path at run time, so this suite type-checks and runs
 * while the module does not exist yet. The caller states the shape it relies on.
 */
export async function importProjectModule<T>(relativePath: string): Promise<T> {
  return (await import(pathToFileURL(path.join(repoRoot, relativePath)).href)) as T;
}
