import { type Expectation, Outcomes } from './checker.js';
import type { PipelineConfig, RunOptions } from './config.js';
import { createRun, dropRun } from './resources.js';
import { settle } from './settle.js';
import { type ScenarioResult, verdict } from './verdict.js';
import { writeEvents } from './write-events.js';

export interface Stoppable {
  stop(): Promise<void>;
}

export interface ScenarioPlan {
  readonly count: number;
  /** How the run's topic is made (a small max.message.bytes). */
  readonly runOptions?: RunOptions;
  /** Starts the relay and consumers this scenario runs with. */
  start(run: PipelineConfig): Promise<Stoppable[]>;
  /** Consumer groups that must have read the whole topic before the verdict. */
  groups(run: PipelineConfig): readonly string[];
  /** Called after each round of writes: where faults are injected during the run. */
  onProgress?(written: number, run: PipelineConfig): Promise<void>;
  /** Records put on the topic around the outbox (poison), with the outcome each must have. */
  inject?(run: PipelineConfig): Promise<Expectation[]>;
  /**
   * What the faults fired during the writes made, read once the writes are done: records put
   * on the topic (impostors), and outbox events written beside `count` that must not take
   * effect (oversized ones, for the failure queue).
   */
  expectations?(run: PipelineConfig): readonly Expectation[];
  /** After the pipeline settled once: more work (a replay) that must change nothing. */
  afterSettled?(run: PipelineConfig): Promise<{ roles: Stoppable[]; groups: readonly string[] }>;
}

/** Aggregates for a run of `count` events: about ten events each, between 10 and 200 aggregates. */
export function aggregatesFor(count: number): number {
  return Math.max(10, Math.min(200, Math.round(count / 10)));
}

/**
 * One scenario end to end on its own topic and tables: start the pipeline, write the events
 * through the outbox (faults fire between rounds), wait until quiet, stop, classify.
 */
export async function runScenario(name: string, plan: ScenarioPlan): Promise<ScenarioResult> {
  const startedAt = Date.now();
  const run = await createRun(plan.runOptions);
  const roles: Stoppable[] = [];
  try {
    roles.push(...(await plan.start(run)));
    const injected = (await plan.inject?.(run)) ?? [];
    await writeEvents(run, {
      count: plan.count,
      aggregates: aggregatesFor(plan.count),
      ...(plan.onProgress ? { onProgress: (written: number) => plan.onProgress?.(written, run) } : {}),
    });
    injected.push(...(plan.expectations?.(run) ?? []));
    // Settling counts ledger effects and DLQ records; failure-queue events reach neither.
    const expected = plan.count + injected.filter((e) => e.outcome !== Outcomes.failureQueue).length;
    let settled = await settle(run, { expected, groups: plan.groups(run) });
    if (plan.afterSettled) {
      const more = await plan.afterSettled(run);
      roles.push(...more.roles);
      settled = (await settle(run, { expected, groups: more.groups })) && settled;
    }
    for (const role of roles.splice(0)) await role.stop();
    return await verdict(name, run, { injected, settled, startedAt });
  } finally {
    for (const role of roles) await role.stop().catch(() => undefined);
    await dropRun(run);
  }
}
