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

  // The guard patches avsc's private Tap: each case decodes through one patched read, so an avsc
  // upgrade that renames a read or stops calling it fails here instead of dropping the guard.
  it.each([
    ['int (readInt)', 'int'],
    ['long (readLong)', 'long'],
    ['float (readFloat)', 'float'],
    ['double (readDouble)', 'double'],
    ['boolean (readBoolean)', 'boolean'],
    ['fixed (readFixed)', { type: 'fixed', name: 'Four', size: 4 }],
    ['string length (readLong)', 'string'],
    ['bytes length (readLong)', 'bytes'],
    ['enum index (readLong)', { type: 'enum', name: 'Colour', symbols: ['RED', 'GREEN'] }],
    ['union branch (readLong)', ['null', 'string']],
  ] as const)('guards the read of %s past the end of the buffer', (_, schema) => {
    const type = avro.Type.forSchema(schema as avro.Schema);

    expect(() => type.fromBuffer(Buffer.alloc(0))).toThrow('read past the end of the buffer');
  });

  it('guards fixed and bytes reads that would run past the end by their length', () => {
    const fixed = avro.Type.forSchema({ type: 'fixed', name: 'Eight', size: 8 });
    const bytes = avro.Type.forSchema('bytes');

    expect(() => fixed.fromBuffer(Buffer.alloc(4))).toThrow('read past the end of the buffer');
    // Length 3, then one byte.
    expect(() => bytes.fromBuffer(Buffer.from([0x06, 0x01]))).toThrow('read past the end of the buffer');
  });

  it('decodes a record ending in an empty bytes or string value: a zero-length read at the end', () => {
    const type = avro.Type.forSchema({
      type: 'record',
      name: 'EmptyTail',
      fields: [
        { name: 's', type: 'string' },
        { name: 'b', type: 'bytes' },
      ],
    });
    const value = { s: '', b: Buffer.alloc(0) };

    expect(type.fromBuffer(type.toBuffer(value))).toEqual(value);
  });

  it('throws instead of looping when a map count runs past the end of the record', () => {
    const type = avro.Type.forSchema({ type: 'map', values: 'double' });

    expect(() => type.fromBuffer(Buffer.from([0xfe, 0xff, 0xff, 0xff, 0x07]))).toThrow(/past the end/);
  });

  it('throws instead of looping when an array count runs past the end of the record', () => {
    const type = avro.Type.forSchema({ type: 'array', items: 'double' });
    // Block count 2^30 - 1 items, then nothing.
    const corrupt = Buffer.from([0xfe, 0xff, 0xff, 0xff, 0x07]);

    expect(() => type.fromBuffer(corrupt)).toThrow(/past the end/);
  });
});
