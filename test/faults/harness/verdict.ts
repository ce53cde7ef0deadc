import { type Classification, classify, type Expectation } from './checker.js';
import type { PipelineConfig } from './config.js';
import { readLedger } from './ledger.js';
import { readDlq } from './read-dlq.js';
import { readFailureQueue } from './read-failure-queue.js';
import { dynamodb } from './resources.js';
import { readOutbox } from './write-events.js';

export interface ScenarioResult extends Classification {
  readonly scenario: string;
  readonly settled: boolean;
  readonly seconds: number;
}

const results: ScenarioResult[] = [];

/**
 * The outbox's events, each expected to take effect, with the scenario's own expectations on
 * top: one about an outbox event (an oversized one must end in the failure queue) replaces
 * the default, an impostor or a record put straight on the topic is added.
 */
function expectations(outbox: readonly Expectation[], scenario: readonly Expectation[]): Expectation[] {
  const overrides = new Map(scenario.filter((e) => !e.impostor).map((e) => [e.eventId, e]));
  const outboxIds = new Set(outbox.map((e) => e.eventId));
  return [
    ...outbox.map((e) => overrides.get(e.eventId) ?? e),
    ...scenario.filter((e) => e.impostor || !outboxIds.has(e.eventId)),
  ];
}

/** Reads outbox, ledger, DLQ and failure queue, classifies every event, prints and keeps the counts. */
export async function verdict(
  scenario: string,
  run: PipelineConfig,
  context: {
    readonly injected?: readonly Expectation[];
    readonly settled: boolean;
    readonly startedAt: number;
  },
): Promise<ScenarioResult> {
  const expected = expectations(await readOutbox(run), context.injected ?? []);
  const classification = classify(expected, {
    ledger: await readLedger(dynamodb, run.ledgerTable),
    dlq: await readDlq(run.dlqTopic),
    failureQueue: await readFailureQueue(run.failureQueueUrl),
  });
  const result: ScenarioResult = {
    scenario,
    settled: context.settled,
    seconds: Math.round((Date.now() - context.startedAt) / 100) / 10,
    ...classification,
  };
  results.push(result);
  console.info(`[faults] ${scenario}: ${JSON.stringify(classification)}`);
  return result;
}

const columns = [
  'expected',
  'effects',
  'deadLettered',
  'failureQueued',
  'lost',
  'duplicated',
  'unexpected',
  'misordered',
  'wrongOutcome',
  'settled',
  'seconds',
] as const;

/** One markdown table of every scenario of this run. */
export function resultsTable(): string {
  const header = `| scenario | ${columns.join(' | ')} |`;
  const rule = `|---|${columns.map(() => '---:').join('|')}|`;
  const rows = results.map((r) => `| ${r.scenario} | ${columns.map((c) => String(r[c])).join(' | ')} |`);
  return [header, rule, ...rows].join('\n');
}
