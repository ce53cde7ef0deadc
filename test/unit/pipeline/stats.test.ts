import { afterEach, describe, expect, it, vi } from 'vitest';
import { PipelineStats } from '../../../local/pipeline/stats.js';

describe('PipelineStats latency', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('without a warm-up, measures every event', () => {
    const stats = new PipelineStats();
    for (const ms of [10, 20, 30, 40]) {
      stats.latency({ eventId: `e${ms}`, writtenAt: 1_000 + ms, ms, relayMs: ms / 2 });
    }

    expect(stats.latencyFigures().total.samples).toBe(4);
    expect(stats.latencyFigures().total.p50).toBe(20);
    expect(stats.latencyFigures().total.p99).toBe(40);
    expect(stats.latencyFigures().relay.p99).toBe(20);
  });

  it('keeps the warm-up orders out of the figures and reports them apart', () => {
    vi.useFakeTimers({ now: 5_000 });
    const stats = new PipelineStats(3);
    // Projected before the warm-up ended: its events count as warm-up whenever they arrive.
    stats.latency({ eventId: 'a', writtenAt: 4_000, ms: 900, relayMs: 800 });
    expect(stats.latencyFigures().total.p99).toBeNull();

    stats.warmedUp();
    stats.latency({ eventId: 'b', writtenAt: 4_500, ms: 700, relayMs: 600 });
    stats.latency({ eventId: 'c', writtenAt: 5_000, ms: 50, relayMs: 20 });
    stats.latency({ eventId: 'd', writtenAt: 5_100, ms: 60, relayMs: 30 });

    expect(stats.latencyFigures().total.samples).toBe(2);
    expect(stats.latencyFigures().total.p99).toBe(60);
    expect(stats.latencyFigures().relay.p50).toBe(20);
    expect(stats.warmup()).toEqual({ p50: 700, p99: 900, samples: 2 });
  });

  it('measures to the completion time the projection recorded, once per event, warm-up left out', () => {
    vi.useFakeTimers({ now: 2_000 });
    const stats = new PipelineStats(1);
    stats.latency({ eventId: 'warm', writtenAt: 1_000, ms: 500, relayMs: 100 });
    stats.warmedUp();
    stats.latency({ eventId: 'x', writtenAt: 2_000, ms: 300, relayMs: 100 });
    // A redelivery of x: the event is counted once, from its first delivery.
    stats.latency({ eventId: 'x', writtenAt: 2_000, ms: 900, relayMs: 100 });
    stats.latency({ eventId: 'y', writtenAt: 2_100, ms: 280, relayMs: 90 });
    // Never completed (or completed by another group): no figure.
    stats.latency({ eventId: 'z', writtenAt: 2_200, ms: 250, relayMs: 90 });

    const applied = stats.applied(
      new Map([
        ['warm', 1_400],
        ['x', 2_240],
        ['y', 2_310],
      ]),
    );

    expect(applied).toEqual({ p50: 210, p99: 240, samples: 2 });
  });
});

describe('PipelineStats delivery coverage', () => {
  it('counts each relayed event a consumer of its topic has not had delivered', () => {
    const stats = new PipelineStats();
    const consumers = [
      { name: 'projection', topics: ['placed', 'paid'] },
      { name: 'fulfilment', topics: ['paid'] },
    ];
    stats.relayedOn('placed', 'e1');
    stats.relayedOn('paid', 'e2');
    expect(stats.undelivered(consumers)).toBe(3);

    stats.delivered('projection', 'e1');
    stats.delivered('projection', 'e2');
    expect(stats.undelivered(consumers)).toBe(1);

    stats.delivered('fulfilment', 'e2');
    // A second copy of a relayed event needs no second delivery.
    stats.relayedOn('paid', 'e2');
    expect(stats.undelivered(consumers)).toBe(0);
    expect(stats.relayedDuplicates).toBe(1);
  });
});
