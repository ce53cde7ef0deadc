import { describe, expect, it } from 'vitest';
import { parseStartAt } from '../../../local/kafka/start-offsets.js';

describe('parseStartAt', () => {
  it('reads the named positions, with earliest and latest as their Kafka names', () => {
    expect(parseStartAt('beginning')).toEqual({ kind: 'beginning' });
    expect(parseStartAt('earliest')).toEqual({ kind: 'beginning' });
    expect(parseStartAt('end')).toEqual({ kind: 'end' });
    expect(parseStartAt('latest')).toEqual({ kind: 'end' });
  });

  it('reads a number as an offset and a date as a timestamp', () => {
    expect(parseStartAt('42')).toEqual({ kind: 'offset', offset: 42 });
    expect(parseStartAt('2026-11-24T12:00:00Z')).toEqual({
      kind: 'timestamp',
      millis: Date.UTC(2026, 10, 24, 12),
    });
  });

  it('refuses anything else, naming the flag', () => {
    expect(() => parseStartAt('yesterday', '--to')).toThrow(
      '--to yesterday: expected beginning, end, an offset, or an ISO-8601 time',
    );
    expect(() => parseStartAt('-1')).toThrow(/^--from -1:/);
  });
});
