import avro from 'avsc';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { guardAvscReads } from '../../../functions/lib/serde/codecs/avro-guard.js';

guardAvscReads();

describe('avsc read guard', () => {
  // avsc writes longs exactly up to 2^52 in magnitude (zigzag doubles them), guarded or not.
  it('reads every int and every long avsc can represent exactly as written', () => {
    const type = avro.Type.forSchema({
      type: 'record',
      name: 'Numbers',
      fields: [
        { name: 'i', type: 'int' },
        { name: 'l', type: 'long' },
        { name: 'd', type: 'double' },
        { name: 'b', type: 'boolean' },
      ],
    });
    fc.assert(
      fc.property(
        fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
        fc.maxSafeInteger().filter((l) => Math.abs(l) <= 2 ** 52),
        fc.double({ noNaN: true }),
        fc.boolean(),
        (i, l, d, b) => {
          const value = { i, l, d, b };
          expect(type.fromBuffer(type.toBuffer(value))).toEqual(value);
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('throws instead of looping when an array count runs past the end of the record', () => {
    const type = avro.Type.forSchema({ type: 'array', items: 'double' });
    // Block count 2^30 - 1 items, then nothing.
    const corrupt = Buffer.from([0xfe, 0xff, 0xff, 0xff, 0x07]);

    expect(() => type.fromBuffer(corrupt)).toThrow(/past the end/);
  });
});
