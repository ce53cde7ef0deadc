import protobuf from 'protobufjs';
import { describe, expect, it } from 'vitest';
import { longText, varint64Text } from '../../../functions/lib/serde/codecs/proto-long-text.js';

/** Values around each split the fast paths make: 1e9 (two halves), 1e8 (zero padding), 2^49, 2^53. */
const values = [
  0n,
  1n,
  999_999_999n,
  1_000_000_000n,
  1_000_000_005n,
  1_000_099_999n,
  1_012_345_678n,
  1_100_000_000n,
  1_733_500_000_042n,
  1_733_500_012_345n,
  2n ** 49n - 1n,
  2n ** 49n,
  2n ** 53n - 1n,
  2n ** 53n + 1n,
  2n ** 63n - 1n,
];

/** protobufjs' Long (long.js), typed only as a constructor by protobufjs. */
interface LongValue extends protobuf.Long {
  negate(): LongValue;
}
const Long = protobuf.util.Long as unknown as {
  fromString(text: string, unsigned?: boolean): LongValue;
};

function varintOf(value: bigint, unsigned: boolean): protobuf.Reader {
  const writer = protobuf.Writer.create();
  const long = Long.fromString(value.toString(), unsigned);
  if (unsigned) writer.uint64(long);
  else writer.int64(long);
  return protobuf.Reader.create(writer.finish());
}

describe('int64 text', () => {
  it.each(values)('reads %s from its varint as the exact decimal text', (value) => {
    expect(varint64Text(varintOf(value, false), false)).toBe(value.toString());
    expect(varint64Text(varintOf(value, true), true)).toBe(value.toString());
  });

  it.each(values)('prints %s and its negation from a Long exactly', (value) => {
    const long = Long.fromString(value.toString(), false);
    expect(longText(long, false)).toBe(value.toString());
    expect(longText(long.negate(), false)).toBe((-value).toString());
  });

  it('leaves the reader after the varint it read', () => {
    const writer = protobuf.Writer.create();
    writer.int64(Long.fromString('1733500000042')).uint32(7);
    const reader = protobuf.Reader.create(writer.finish());
    varint64Text(reader, false);
    expect(reader.uint32()).toBe(7);
  });
});
