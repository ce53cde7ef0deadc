import { existsSync, readFileSync } from 'node:fs';
import { type Classification, classify } from './checker.js';
import type { PipelineConfig } from './config.js';
import { readLedger } from './ledger.js';
import { readDlq } from './read-dlq.js';
import { dynamodb } from './resources.js';
import { type ExpectedEvent, readOutbox } from './write-events.js';

export interface ScenarioResult extends Classification {
  readonly scenario: string;
  readonly settled: boolean;
  readonly seconds: number;
}

const results: ScenarioResult[] = [];

function parked(run: PipelineConfig): string[] {
  if (!existsSync(run.relayFailuresFile)) return [];
  return readFileSync(run.relayFailuresFile, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => String((JSON.parse(line) as { eventId?: string }).eventId));
}

/** Reads outbox, ledger, DLQ and parked records, classifies every event, prints and keeps the counts. */
export async function verdict(
  scenario: string,
  run: PipelineConfig,
  context: {
    readonly injected?: readonly ExpectedEvent[];
    readonly settled: boolean;
    readonly startedAt: number;
  },
): Promise<ScenarioResult> {
  const expected = [...(await readOutbox(run)), ...(context.injected ?? [])];
  const classification = classify(expected, {
    ledger: await readLedger(dynamodb, run.ledgerTable),
    dlq: await readDlq(run.dlqTopic),
    parked: parked(run),
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
