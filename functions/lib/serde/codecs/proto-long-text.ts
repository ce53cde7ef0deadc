import protobuf from 'protobufjs';

interface LongLike {
  readonly low: number;
  readonly high: number;
}

const two32 = 4294967296;
const zeros = ['', '0', '00', '000', '0000', '00000', '000000', '0000000', '00000000'];

/** Long's decimal text; computed from the double when the value is a safe integer. */
export function longText(v: unknown, unsigned: boolean): string {
  if (typeof v === 'number') return String(v);
  const { low, high } = v as LongLike;
  if (unsigned ? high >>> 0 < 0x200000 : high >= -0x200000 && high < 0x200000) {
    const n = (unsigned ? high >>> 0 : high) * two32 + (low >>> 0);
    return n < 0 ? `-${safeText(-n)}` : safeText(n);
  }
  return protobuf.util.Long.prototype.toString.call(v);
}

/**
 * An int64 or uint64 varint at the reader's position as decimal text. Up to 7 bytes (49 bits,
 * every millisecond timestamp) it is summed as a double, without the Long protobufjs builds;
 * longer ones (negative int64 always take 10) go through protobufjs' own reader.
 */
export function varint64Text(reader: protobuf.Reader, unsigned: boolean): string {
  const buf = reader.buf;
  const start = reader.pos;
  const end = Math.min(reader.len, start + 7);
  let value = 0;
  let scale = 1;
  for (let pos = start; pos < end; pos++) {
    const b = buf[pos] as number;
    value += (b & 0x7f) * scale;
    if (b < 0x80) {
      reader.pos = pos + 1;
      return safeText(value);
    }
    scale *= 128;
  }
  // Also where the bytes run out: protobufjs then throws its out-of-range error.
  return longText(unsigned ? reader.uint64() : reader.int64(), unsigned);
}

/**
 * V8 prints a double above 2^30 through its slow general path (~140 ns for a timestamp);
 * two small integers print several times faster. Both halves are made Smis (`| 0`), whose
 * text V8 keeps in its number-string cache: the high half of a timestamp changes every few
 * days, so it is printed once, and a template joins the parts without an intermediate string.
 */
function safeText(n: number): string {
  if (n < 1e9) return String(n);
  const high = Math.floor(n / 1e9) | 0;
  const low = (n - high * 1e9) | 0;
  return low >= 1e8 ? `${high}${low}` : `${high}${zeros[9 - String(low).length]}${low}`;
}
