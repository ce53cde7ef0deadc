import { afterAll, describe, expect, it } from 'vitest';
import { holds } from './harness/checker.js';
import type { PipelineConfig } from './harness/config.js';
import { startConsumer } from './harness/consumer-role.js';
import { startRelay } from './harness/relay-role.js';
import { runScenario } from './harness/scenario.js';
import { resultsTable } from './harness/verdict.js';

// Events per scenario; the full run in the closing note uses FAULTS_N=10000.
const N = Number(process.env.FAULTS_N ?? 200);
const ledgerGroup = (run: PipelineConfig) => `${run.runId}-ledger`;

afterAll(() => {
  console.info(`\n[faults] N=${N}\n${resultsTable()}\n`);
});

describe('Delivery guarantees under faults', () => {
  it('delivers every committed event exactly once and in order per aggregate without faults', async () => {
    const result = await runScenario('baseline', {
      count: N,
      start: async (run) => [startRelay(run), await startConsumer(run)],
      groups: (run) => [ledgerGroup(run)],
    });

    expect(result).toMatchObject({ lost: 0, duplicated: 0, unexpected: 0, misordered: 0, wrongOutcome: 0 });
    expect(holds(result)).toBe(true);
  });

  it('catches duplicated effects when the consumer runs without idempotency and the stream is relayed twice', async () => {
    const result = await runScenario('broken: no idempotency, two relays', {
      count: N,
      start: async (run) => [
        startRelay(run),
        startRelay(run),
        await startConsumer(run, { withoutIdempotency: true }),
      ],
      groups: (run) => [ledgerGroup(run)],
    });

    expect(result.duplicated).toBeGreaterThan(0);
    expect(holds(result)).toBe(false);
  });
});
