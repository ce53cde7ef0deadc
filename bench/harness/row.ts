import { describeGoal, type Goal, verdict } from './goals.js';
import type { Comparison } from './runner.js';
import type { Summary } from './stats.js';

export type RowStatus = 'pass' | 'miss' | 'info' | 'not-available' | 'error';

export interface SideFigures {
  readonly label: string;
  /** Per operation, in `unit` of the side (µs for codec work, ms for network calls). */
  readonly p50: number;
  readonly p95: number;
  readonly unit: 'µs' | 'ms';
}

/** One line of the results table and of the JSON file. */
export interface Row {
  readonly id: string;
  readonly name: string;
  /** The figure the goal is checked against; null when the row could not be measured. */
  readonly figure: number | null;
  /** '×' for ratios; otherwise a count or time unit. */
  readonly unit: string;
  readonly goal: Goal;
  readonly goalText: string;
  readonly status: RowStatus;
  readonly variant?: SideFigures;
  readonly baseline?: SideFigures;
  /** Number of per-round ratios the median was taken over. */
  readonly rounds?: number;
  readonly note?: string;
}

export interface FigureRowInput {
  readonly id: string;
  readonly name: string;
  readonly figure: number;
  readonly unit: string;
  readonly goal: Goal;
  readonly note?: string;
  readonly variant?: SideFigures;
  readonly baseline?: SideFigures;
  readonly rounds?: number;
}

export function figureRow(input: FigureRowInput): Row {
  return {
    ...input,
    goalText: describeGoal(input.goal, input.unit),
    status: verdict(input.goal, input.figure),
  };
}

/** A row from an ABBA comparison: the figure is the median of per-round ratios. */
export function comparisonRow(
  meta: { readonly id: string; readonly name: string; readonly goal: Goal; readonly note?: string },
  comparison: Comparison,
  unit: 'µs' | 'ms' = 'µs',
): Row {
  return figureRow({
    ...meta,
    figure: round(comparison.ratio, 3),
    unit: '×',
    variant: sideFigures(comparison.variant.label, comparison.variant.perOp, unit),
    baseline: sideFigures(comparison.baseline.label, comparison.baseline.perOp, unit),
    rounds: comparison.ratios.length,
  });
}

/** A row that could not be measured, saying why in its note. */
export function unavailableRow(id: string, name: string, goal: Goal, unit: string, reason: string): Row {
  return {
    id,
    name,
    figure: null,
    unit,
    goal,
    goalText: describeGoal(goal, unit),
    status: 'not-available',
    note: reason,
  };
}

/** A row whose measurement failed, the error in its note. */
export function errorRow(id: string, name: string, goal: Goal, unit: string, error: unknown): Row {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return { ...unavailableRow(id, name, goal, unit, message), status: 'error' };
}

export function sideFigures(label: string, perOpNs: Summary, unit: 'µs' | 'ms'): SideFigures {
  const scale = unit === 'µs' ? 1e3 : 1e6;
  return { label, p50: round(perOpNs.p50 / scale, 3), p95: round(perOpNs.p95 / scale, 3), unit };
}

export function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
