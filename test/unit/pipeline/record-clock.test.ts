import { describe, expect, it } from 'vitest';
import { RecordClock } from '../../../local/pipeline/record-clock.js';

describe('RecordClock', () => {
  it('ages from the record at the offset, or the next one seen, and forgets consumed records', () => {
    const clock = new RecordClock();
    clock.seen('t', 0, 4, 1_000);
    clock.seen('t', 0, 6, 3_000);
    clock.seen('t', 0, 6, 9_999);

    expect(clock.timestampAt('t', 0, 4)).toBe(1_000);
    expect(clock.timestampAt('t', 0, 5)).toBe(3_000);
    expect(clock.timestampAt('t', 0, 3)).toBeUndefined();
    expect(clock.timestampAt('t', 0, 7)).toBeUndefined();
    expect(clock.timestampAt('t', 1, 4)).toBeUndefined();

    clock.forgetBefore('t', 0, 5);

    expect(clock.timestampAt('t', 0, 4)).toBeUndefined();
    expect(clock.timestampAt('t', 0, 6)).toBe(3_000);
  });
});
