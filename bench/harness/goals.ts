/** A goal from the serde, relay, consumer, registry and pipeline issues, checked against a row's figure. */
export type Goal =
  | { readonly kind: 'at-most'; readonly value: number }
  | { readonly kind: 'at-least'; readonly value: number }
  | { readonly kind: 'exactly'; readonly value: number }
  /** Reported next to the others, with no pass/miss (a reference figure). */
  | { readonly kind: 'none' };

export type Verdict = 'pass' | 'miss' | 'info';

export const atMost = (value: number): Goal => ({ kind: 'at-most', value });
export const atLeast = (value: number): Goal => ({ kind: 'at-least', value });
export const exactly = (value: number): Goal => ({ kind: 'exactly', value });
export const noGoal: Goal = { kind: 'none' };

export function verdict(goal: Goal, figure: number): Verdict {
  switch (goal.kind) {
    case 'at-most':
      return figure <= goal.value ? 'pass' : 'miss';
    case 'at-least':
      return figure >= goal.value ? 'pass' : 'miss';
    case 'exactly':
      return figure === goal.value ? 'pass' : 'miss';
    case 'none':
      return 'info';
  }
}

export function describeGoal(goal: Goal, unit: string): string {
  const suffix = unit === '×' ? '×' : ` ${unit}`;
  switch (goal.kind) {
    case 'at-most':
      return `≤ ${goal.value}${suffix}`;
    case 'at-least':
      return `≥ ${goal.value}${suffix}`;
    case 'exactly':
      return `= ${goal.value}${suffix}`;
    case 'none':
      return '—';
  }
}
