import { profileRuns } from './profile.js';
import { median, type Summary, summarize } from './stats.js';

export type Side = 'variant' | 'baseline';

/**
 * One round runs variant, baseline, baseline, variant. Any drift that is linear over the
 * round (thermal throttling, a neighbour's load ramping up, GC pressure building) then
 * weighs on both sides equally, so the round's ratio stays honest.
 */
export const abbaOrder: readonly Side[] = ['variant', 'baseline', 'baseline', 'variant'];

export interface Task {
  readonly label: string;
  /**
   * Operations (records, requests) one run performs; times are reported per operation. A
   * function is read after each run, for work that only counts when it completed (records the
   * broker acknowledged).
   */
  readonly opsPerRun: number | (() => number);
  /** Untimed work before each run (fresh keys, a new batch of stream records). */
  readonly prepare?: () => unknown;
  readonly run: () => unknown;
}

export interface CompareOptions {
  readonly variant: Task;
  readonly baseline: Task;
  /** Untimed ABBA rounds first, so the JIT, caches and connections are warm. */
  readonly warmupRounds: number;
  readonly rounds: number;
  /** Nanosecond clock; tests inject a fake one. @default process.hrtime.bigint */
  readonly clock?: () => bigint;
  /** After the timed rounds, profile this many more variant runs into this `.cpuprofile` file. */
  readonly profile?: { readonly file: string; readonly runs: number };
}

export interface SideResult {
  readonly label: string;
  /** Nanoseconds per operation, one value per timed run. */
  readonly perOp: Summary;
}

export interface Comparison {
  readonly variant: SideResult;
  readonly baseline: SideResult;
  /** Per round: variant time per op over baseline time per op. */
  readonly ratios: readonly number[];
  /** Median of the per-round ratios: the figure a goal is checked against. */
  readonly ratio: number;
}

/** Per-op ratio of one ABBA round from its run durations (ns). */
export function roundRatio(
  durations: { readonly variant: readonly number[]; readonly baseline: readonly number[] },
  opsPerRun: { readonly variant: number; readonly baseline: number },
): number {
  const variantPerOp = sum(durations.variant) / (durations.variant.length * opsPerRun.variant);
  const baselinePerOp = sum(durations.baseline) / (durations.baseline.length * opsPerRun.baseline);
  return variantPerOp / baselinePerOp;
}

/** Runs variant and baseline alternately in ABBA rounds after a warm-up and compares them. */
export async function compare(options: CompareOptions): Promise<Comparison> {
  const clock = options.clock ?? process.hrtime.bigint;
  const tasks = { variant: options.variant, baseline: options.baseline };
  for (let round = 0; round < options.warmupRounds; round++) {
    for (const side of abbaOrder) await timeRun(tasks[side], clock);
  }

  const samples: Record<Side, number[]> = { variant: [], baseline: [] };
  const ratios: number[] = [];
  for (let round = 0; round < options.rounds; round++) {
    const perOp: Record<Side, number[]> = { variant: [], baseline: [] };
    for (const side of abbaOrder) {
      const duration = await timeRun(tasks[side], clock);
      const ops =
        typeof tasks[side].opsPerRun === 'function' ? tasks[side].opsPerRun() : tasks[side].opsPerRun;
      if (!(ops > 0)) throw new Error(`${tasks[side].label} completed no operations in a run`);
      perOp[side].push(duration / ops);
      samples[side].push(duration / ops);
    }
    ratios.push(roundRatio(perOp, { variant: 1, baseline: 1 }));
  }

  if (options.profile) await profileRuns(tasks.variant, options.profile.runs, options.profile.file);

  return {
    variant: { label: tasks.variant.label, perOp: summarize(samples.variant) },
    baseline: { label: tasks.baseline.label, perOp: summarize(samples.baseline) },
    ratios,
    ratio: median(ratios),
  };
}

async function timeRun(task: Task, clock: () => bigint): Promise<number> {
  if (task.prepare) await task.prepare();
  const start = clock();
  await task.run();
  return Number(clock() - start);
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
