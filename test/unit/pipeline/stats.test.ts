import { afterEach, describe, expect, it, vi } from 'vitest';
import { PipelineStats } from '../../../local/pipeline/stats.js';

describe('PipelineStats latency', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('without a warm-up, measures every event', () => {
    const stats = new PipelineStats();
    for (const ms of [10, 20, 30, 40]) stats.latency({ writtenAt: 1_000 + ms, ms, relayMs: ms / 2 });

    expect(stats.latencySamples).toBe(4);
    expect(stats.percentile(50)).toBe(20);
    expect(stats.percentile(99)).toBe(40);
    expect(stats.relayPercentile(99)).toBe(20);
  });

  it('keeps the warm-up orders out of the figures and reports them apart', () => {
    vi.useFakeTimers({ now: 5_000 });
    const stats = new PipelineStats(3);
    // Projected before the warm-up ended: its events count as warm-up whenever they arrive.
    stats.latency({ writtenAt: 4_000, ms: 900, relayMs: 800 });
    expect(stats.percentile(99)).toBeNull();

    stats.warmedUp();
    stats.latency({ writtenAt: 4_500, ms: 700, relayMs: 600 });
    stats.latency({ writtenAt: 5_000, ms: 50, relayMs: 20 });
    stats.latency({ writtenAt: 5_100, ms: 60, relayMs: 30 });

    expect(stats.latencySamples).toBe(2);
    expect(stats.percentile(99)).toBe(60);
    expect(stats.relayPercentile(50)).toBe(20);
    expect(stats.warmup()).toEqual({ p50: 700, p99: 900, samples: 2 });
  });
});
