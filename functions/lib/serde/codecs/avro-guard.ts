// A static import (not createRequire) so esbuild bundles the same module avsc itself uses.
import avscUtils from 'avsc/lib/utils.js';

interface Tap {
  buf: Buffer;
  pos: number;
}
type Read = (this: Tap, length?: number) => unknown;

/**
 * A zigzag varint read that refuses to start past the end of the buffer. Written out rather
 * than wrapping avsc's own, because every int, long and length goes through it and an extra
 * call frame here costs a measurable share of a decode.
 */
function guardedReadLong(this: Tap): number {
  const buf = this.buf;
  let pos = this.pos;
  if (pos >= buf.length) throw new RangeError('read past the end of the buffer');
  let b = buf[pos++] as number;
  let n = b & 0x7f;
  let shift = 7;
  while (b & 0x80 && shift < 28) {
    b = buf[pos++] as number;
    n |= (b & 0x7f) << shift;
    shift += 7;
  }
  if (b & 0x80) {
    // Past 28 bits: continue in float arithmetic, exact up to 2^53.
    let f = n;
    let scale = 2 ** 28;
    do {
      b = buf[pos++] as number;
      f += (b & 0x7f) * scale;
      scale *= 128;
    } while (b & 0x80);
    this.pos = pos;
    return (f % 2 ? -(f + 1) : f) / 2;
  }
  this.pos = pos;
  return (n >>> 1) ^ -(n & 1);
}

/**
 * avsc reads an array or map block count and then loops that many times even once the
 * buffer is exhausted, so one corrupt count in a poison record (say 2^31) would spin a
 * consumer until it runs out of memory. Reading past the end of the buffer can only happen
 * in a record that is already invalid (avsc would reject it as truncated after the loop), so
 * failing there keeps valid decodes identical and turns the spin into an error. Items that
 * read nothing at all (null, empty records) are not covered; no schema here has them.
 * The patch is process-wide: raw avsc in the same process (a benchmark baseline) gets it too.
 *
 * Why a patch of avsc's private Tap: avsc 5.7 has no bound on block counts and no supported hook
 * into its reads (type hooks and logical types see values only after they were read). Because
 * an upgrade could rename or stop calling a patched read and so silently drop the guard,
 * test/unit/serde/avro-guard.test.ts decodes through each patched read and fails if one no
 * longer guards.
 */
export function guardAvscReads(): void {
  const proto = avscUtils.Tap.prototype;
  if (proto.__eventlineGuarded) return;
  proto.readLong = guardedReadLong;
  // avsc aliases readInt to readLong.
  proto.readInt = guardedReadLong;
  for (const name of ['readFloat', 'readDouble', 'readBoolean']) {
    const read = proto[name] as Read;
    proto[name] = function (this: Tap) {
      if (this.pos >= this.buf.length) throw new RangeError('read past the end of the buffer');
      return read.call(this);
    } satisfies Read;
  }
  const readFixed = proto.readFixed as Read;
  // Judged by the length: an empty `bytes` as a record's last field is a zero-length read at the end.
  proto.readFixed = function (this: Tap, length = 0) {
    if (this.pos + length > this.buf.length) throw new RangeError('read past the end of the buffer');
    return readFixed.call(this, length);
  } satisfies Read;
  proto.__eventlineGuarded = true;
}
