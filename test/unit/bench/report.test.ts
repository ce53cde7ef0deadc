import { describe, expect, it } from 'vitest';
import { atLeast, atMost, exactly, noGoal, verdict } from '../../../bench/harness/goals.js';
import { markdownTable, resultsFileName } from '../../../bench/harness/report.js';
import { comparisonRow, figureRow, unavailableRow } from '../../../bench/harness/row.js';

describe('verdict', () => {
  it('passes a figure on the goal’s boundary and misses one just past it', () => {
    expect(verdict(atMost(1.3), 1.3)).toBe('pass');
    expect(verdict(atMost(1.3), 1.301)).toBe('miss');
    expect(verdict(atLeast(0.85), 0.85)).toBe('pass');
    expect(verdict(atLeast(0.85), 0.849)).toBe('miss');
    expect(verdict(exactly(0), 0)).toBe('pass');
    expect(verdict(exactly(0), 1)).toBe('miss');
    expect(verdict(noGoal, 123)).toBe('info');
  });
});

describe('markdownTable', () => {
  it('prints each row with its figure, goal and verdict, and missing modules as n/a', () => {
    const rows = [
      comparisonRow(
        { id: 'B1', name: 'Avro encode', goal: atMost(1.3) },
        {
          variant: { label: 'serde', perOp: { n: 2, mean: 1500, p50: 1500, p95: 1900, p99: 1990 } },
          baseline: { label: 'avsc', perOp: { n: 2, mean: 1000, p50: 1000, p95: 1100, p99: 1110 } },
          ratios: [1.4, 1.5, 1.6],
          ratio: 1.5,
        },
      ),
      figureRow({
        id: 'B8',
        name: 'registry calls | warm batch',
        figure: 0,
        unit: 'calls',
        goal: exactly(0),
      }),
      unavailableRow(
        'B5',
        'consumer path',
        atMost(1.3),
        '×',
        'not available: functions/lib/consumer missing',
      ),
    ];

    const lines = markdownTable(rows).split('\n');

    expect(lines).toHaveLength(5);
    expect(lines[2]).toBe(
      '| B1 | Avro encode | 1.50× | ≤ 1.3× | **miss** | serde: 1.5 / 1.9 µs | avsc: 1 / 1.1 µs |  |',
    );
    expect(lines[3]).toContain('| registry calls \\| warm batch | 0 calls | = 0 calls | pass |');
    expect(lines[4]).toContain('| — | ≤ 1.3× | n/a |');
    expect(lines[4]).toContain('not available: functions/lib/consumer missing');
  });
});

describe('resultsFileName', () => {
  it('names a full run by its UTC start date and keeps a quick run from replacing it', () => {
    const startedAt = '2026-11-24T23:59:59.000Z';

    expect(resultsFileName({ startedAt, mode: 'full' })).toBe('2026-11-24.json');
    expect(resultsFileName({ startedAt, mode: 'quick' })).toBe('2026-11-24.quick.json');
  });
});
