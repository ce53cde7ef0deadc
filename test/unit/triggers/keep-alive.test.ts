import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { keepAlive } from '../../../local/triggers/keep-alive.js';

describe('keepAlive', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('heartbeats while the work runs, survives a failed heartbeat and stops when the work settles', async () => {
    let beats = 0;
    const heartbeat = async () => {
      beats++;
      if (beats === 2) throw new Error('rebalancing');
    };
    let finish: (value: string) => void = () => undefined;
    const work = new Promise<string>((resolve) => {
      finish = resolve;
    });

    const result = keepAlive(heartbeat, work, 500);
    await vi.advanceTimersByTimeAsync(2000);
    finish('done');
    const value = await result;
    await vi.advanceTimersByTimeAsync(2000);

    expect(value).toBe('done');
    expect(beats).toBe(4);
  });
});
