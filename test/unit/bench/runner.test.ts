import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { abbaOrder, compare, roundRatio, type Task } from '../../../bench/harness/runner.js';

/** A clock that only moves when a fake task says how long it took. */
function fakeTime() {
  let now = 0n;
  return {
    clock: () => now,
    advance: (ns: number) => {
      now += BigInt(ns);
    },
  };
}

describe('compare', () => {
  it('runs warm-up and timed rounds in variant, baseline, baseline, variant order', async () => {
    const time = fakeTime();
    const calls: string[] = [];
    const task = (label: string): Task => ({
      label,
      opsPerRun: 1,
      prepare: () => calls.push(`prepare ${label}`),
      run: () => {
        calls.push(label);
        time.advance(10);
      },
    });

    await compare({ variant: task('A'), baseline: task('B'), warmupRounds: 1, rounds: 2, clock: time.clock });

    const runs = calls.filter((call) => !call.startsWith('prepare'));
    expect(runs.join('')).toBe('ABBA'.repeat(3));
    expect(calls.slice(0, 4)).toEqual(['prepare A', 'A', 'prepare B', 'B']);
  });

  it('reports the median of per-round ratios, not the ratio of the sides’ medians', async () => {
    const time = fakeTime();
    // Per round (A, B, B, A): ratios 2, 3 and 10; medians per side would give 40 / 10 = 4.
    const durations = [20, 10, 10, 20, 30, 10, 10, 30, 400, 40, 40, 400];
    const task = (label: string): Task => ({
      label,
      opsPerRun: 1,
      run: () => time.advance(durations.shift() as number),
    });

    const result = await compare({
      variant: task('A'),
      baseline: task('B'),
      warmupRounds: 0,
      rounds: 3,
      clock: time.clock,
    });

    expect(result.ratios).toEqual([2, 3, 10]);
    expect(result.ratio).toBe(3);
  });

  it('does not time the prepare step', async () => {
    const time = fakeTime();
    const result = await compare({
      variant: { label: 'A', opsPerRun: 1, prepare: () => time.advance(1_000), run: () => time.advance(30) },
      baseline: { label: 'B', opsPerRun: 1, run: () => time.advance(10) },
      warmupRounds: 0,
      rounds: 2,
      clock: time.clock,
    });

    expect(result.ratio).toBe(3);
    expect(result.variant.perOp.p50).toBe(30);
  });

  it('reports times per operation, so sides with different batch sizes compare fairly', async () => {
    const time = fakeTime();
    const result = await compare({
      variant: { label: 'A', opsPerRun: 100, run: () => time.advance(300) },
      baseline: { label: 'B', opsPerRun: 10, run: () => time.advance(20) },
      warmupRounds: 0,
      rounds: 4,
      clock: time.clock,
    });

    expect(result.variant.perOp).toMatchObject({ n: 8, p50: 3, p95: 3 });
    expect(result.baseline.perOp).toMatchObject({ n: 8, p50: 2, p95: 2 });
    expect(result.ratio).toBe(1.5);
  });

  it('counts only the operations a run reports as completed', async () => {
    const time = fakeTime();
    const acknowledged = [10, 5];
    let lastRun = 0;
    const result = await compare({
      variant: {
        label: 'A',
        opsPerRun: () => lastRun,
        run: () => {
          lastRun = acknowledged.shift() ?? 10;
          time.advance(100);
        },
      },
      baseline: { label: 'B', opsPerRun: 10, run: () => time.advance(100) },
      warmupRounds: 0,
      rounds: 1,
      clock: time.clock,
    });

    expect(result.variant.perOp.p50).toBe(15);
    expect(result.ratio).toBe(1.5);
  });

  it('refuses a run that completed nothing', async () => {
    await expect(
      compare({
        variant: { label: 'A', opsPerRun: () => 0, run: () => undefined },
        baseline: { label: 'B', opsPerRun: 1, run: () => undefined },
        warmupRounds: 0,
        rounds: 1,
      }),
    ).rejects.toThrow('A completed no operations');
  });

  it('waits for asynchronous runs before stopping the clock', async () => {
    const time = fakeTime();
    const result = await compare({
      variant: {
        label: 'A',
        opsPerRun: 1,
        run: async () => {
          await Promise.resolve();
          time.advance(50);
        },
      },
      baseline: { label: 'B', opsPerRun: 1, run: () => time.advance(25) },
      warmupRounds: 0,
      rounds: 1,
      clock: time.clock,
    });

    expect(result.ratio).toBe(2);
  });
});

describe('roundRatio', () => {
  it('divides the variant’s mean time per op by the baseline’s', () => {
    expect(roundRatio({ variant: [30, 50], baseline: [20, 20] }, { variant: 1, baseline: 1 })).toBe(2);
    expect(roundRatio({ variant: [100, 100], baseline: [10, 10] }, { variant: 10, baseline: 2 })).toBe(2);
  });
});

describe('abbaOrder', () => {
  it('is variant, baseline, baseline, variant', () => {
    expect(abbaOrder).toEqual(['variant', 'baseline', 'baseline', 'variant']);
  });
});

describe('compare with a profile', () => {
  it('writes a V8 CPU profile of extra variant runs after the timed rounds', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-profile-'));
    const file = path.join(dir, 'variant.cpuprofile');
    let variantRuns = 0;

    await compare({
      variant: { label: 'A', opsPerRun: 1, run: () => variantRuns++ },
      baseline: { label: 'B', opsPerRun: 1, run: () => undefined },
      warmupRounds: 0,
      rounds: 1,
      profile: { file, runs: 5 },
    });

    const profile = JSON.parse(readFileSync(file, 'utf8')) as { nodes: unknown[]; samples: unknown[] };
    expect(variantRuns).toBe(2 + 5);
    expect(profile.nodes.length).toBeGreaterThan(0);
    rmSync(dir, { recursive: true, force: true });
  });
});
