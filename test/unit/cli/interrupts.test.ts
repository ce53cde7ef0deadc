import { afterEach, describe, expect, it } from 'vitest';
import { handleInterrupts, samePressMs } from '../../../local/cli/interrupts.js';

describe('handleInterrupts', () => {
  const removers: (() => void)[] = [];
  afterEach(() => {
    for (const remove of removers.splice(0)) remove();
  });

  const install = () => {
    let now = 1_000;
    const calls: string[] = [];
    removers.push(
      handleInterrupts({
        onFirst: (signal) => calls.push(`first ${signal}`),
        onSecond: (signal) => calls.push(`second ${signal}`),
        now: () => now,
      }),
    );
    return { calls, advance: (ms: number) => (now += ms) };
  };

  it('stops gracefully on the first Ctrl-C and counts the copies npm forwards as the same press', () => {
    const { calls, advance } = install();

    process.emit('SIGINT', 'SIGINT');
    advance(30);
    process.emit('SIGINT', 'SIGINT');

    expect(calls).toEqual(['first SIGINT']);
  });

  it('exits on a second press, however many came before', () => {
    const { calls, advance } = install();

    process.emit('SIGINT', 'SIGINT');
    advance(samePressMs);
    process.emit('SIGINT', 'SIGINT');
    advance(samePressMs);
    process.emit('SIGTERM', 'SIGTERM');

    expect(calls).toEqual(['first SIGINT', 'second SIGINT', 'second SIGTERM']);
  });

  it('keeps its handlers until removed, so no signal finds the process without one', () => {
    const before = process.listenerCount('SIGINT');
    const { advance } = install();

    process.emit('SIGINT', 'SIGINT');
    advance(samePressMs);
    process.emit('SIGINT', 'SIGINT');
    const during = process.listenerCount('SIGINT');
    (removers.pop() as () => void)();

    expect(during).toBe(before + 1);
    expect(process.listenerCount('SIGINT')).toBe(before);
  });
});
