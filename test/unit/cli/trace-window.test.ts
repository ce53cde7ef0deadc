import { describe, expect, it } from 'vitest';
import { traceCommand } from '../../../local/cli/commands/trace.js';
import { durationMs } from '../../../local/cli/flags.js';

describe('eventline trace --window', () => {
  it('reads a duration in seconds, minutes, hours or days', () => {
    expect([durationMs('90s'), durationMs('30m'), durationMs('12h'), durationMs('2d')]).toEqual([
      90_000, 1_800_000, 43_200_000, 172_800_000,
    ]);
    expect(durationMs('1.5h')).toBeUndefined();
    expect(durationMs('an hour')).toBeUndefined();
  });

  it('refuses a window it cannot read, or an empty one, before looking anything up', async () => {
    for (const window of ['an hour', '0m']) {
      const command = traceCommand({ write: () => undefined });
      await expect(command.parseAsync(['e-1', '--window', window], { from: 'user' })).rejects.toThrow(
        `--window ${window}: give a duration like 30m, 12h or 2d`,
      );
    }
  });
});
