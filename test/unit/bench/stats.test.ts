import { describe, expect, it } from 'vitest';
import { median, percentile, summarize } from '../../../bench/harness/stats.js';

describe('percentile', () => {
  it('interpolates linearly between the closest ranks', () => {
    const values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

    expect(percentile(values, 50)).toBeCloseTo(5.5, 10);
    expect(percentile(values, 95)).toBeCloseTo(9.55, 10);
    expect(percentile(values, 25)).toBeCloseTo(3.25, 10);
  });

  it('gives the minimum at p0 and the maximum at p100 whatever the input order', () => {
    const values = [42, 7, 19, 3, 88];

    expect(percentile(values, 0)).toBe(3);
    expect(percentile(values, 100)).toBe(88);
  });

  it('does not reorder the caller’s array', () => {
    const values = [3, 1, 2];

    percentile(values, 50);

    expect(values).toEqual([3, 1, 2]);
  });

  it('refuses an empty set and a percentile outside 0–100', () => {
    expect(() => percentile([], 50)).toThrow(RangeError);
    expect(() => percentile([1], 101)).toThrow(RangeError);
    expect(() => percentile([1], Number.NaN)).toThrow(RangeError);
  });
});

describe('median', () => {
  it('is the middle value of an odd set and the mean of the middle pair of an even set', () => {
    expect(median([9, 1, 5])).toBe(5);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});

describe('summarize', () => {
  it('reports count, mean and p50/p95/p99 of the same values', () => {
    const values = Array.from({ length: 101 }, (_, index) => index);

    const summary = summarize(values);

    expect(summary).toEqual({ n: 101, mean: 50, p50: 50, p95: 95, p99: 99 });
  });
});
