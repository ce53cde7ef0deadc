import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Row, SideFigures } from './row.js';

export interface RunInfo {
  readonly mode: 'full' | 'quick';
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly gitCommit: string | null;
}

export interface ResultsFile extends RunInfo {
  readonly machine: {
    readonly node: string;
    readonly platform: string;
    readonly cpus: number;
    readonly cpuModel: string;
    readonly loadAverage: readonly number[];
  };
  readonly rows: readonly Row[];
}

const statusText = {
  pass: 'pass',
  miss: '**miss**',
  info: 'info',
  'not-available': 'n/a',
  error: '**error**',
} as const;

/** The results as a markdown table: one line per row, goal and verdict beside each figure. */
export function markdownTable(rows: readonly Row[]): string {
  const lines = [
    '| id | benchmark | figure | goal | result | variant p50 / p95 | baseline p50 / p95 | note |',
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const row of rows) {
    lines.push(
      `| ${[
        row.id,
        escapeCell(row.name),
        formatFigure(row),
        row.goalText,
        statusText[row.status],
        formatSide(row.variant),
        formatSide(row.baseline),
        escapeCell(row.note ?? ''),
      ].join(' | ')} |`,
    );
  }
  return lines.join('\n');
}

export function resultsFile(info: RunInfo, rows: readonly Row[]): ResultsFile {
  const cpus = os.cpus();
  return {
    ...info,
    machine: {
      node: process.version,
      platform: `${process.platform} ${process.arch}`,
      cpus: cpus.length,
      cpuModel: cpus[0]?.model ?? 'unknown',
      loadAverage: os.loadavg().map((load) => Math.round(load * 100) / 100),
    },
    rows,
  };
}

/** The results file name: `<YYYY-MM-DD>.json` (UTC date of the run's start), `.quick.json` for smoke runs. */
export function resultsFileName(results: Pick<ResultsFile, 'startedAt' | 'mode'>): string {
  // A smoke run must not replace the day's full figures.
  return `${results.startedAt.slice(0, 10)}${results.mode === 'quick' ? '.quick' : ''}.json`;
}

/** Writes the results JSON into `dir`; returns its path. */
export async function writeResults(dir: string, results: ResultsFile): Promise<string> {
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, resultsFileName(results));
  await writeFile(file, `${JSON.stringify(results, null, 2)}\n`);
  return file;
}

function formatFigure(row: Row): string {
  if (row.figure === null) return '—';
  return row.unit === '×' ? `${row.figure.toFixed(2)}×` : `${row.figure} ${row.unit}`;
}

function formatSide(side: SideFigures | undefined): string {
  if (!side) return '';
  return `${escapeCell(side.label)}: ${side.p50} / ${side.p95} ${side.unit}`;
}

function escapeCell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ');
}
