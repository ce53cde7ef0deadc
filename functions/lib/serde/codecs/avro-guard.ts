import { createRequire } from 'node:module';

interface Tap {
  buf: Buffer;
  pos: number;
}
type ReadLong = (this: Tap) => number;

/**
 * avsc reads an array or map block count and then loops that many times even once the
 * buffer is exhausted, so one corrupt count in a poison record (say 2^31) would spin a
 * consumer until it runs out of memory. Reading a long past the end of the buffer can only
 * happen in a record that is already invalid (avsc would reject it as truncated after the
 * loop), so failing there keeps valid decodes identical and turns the spin into an error.
 */
export function guardAvscReads(): void {
  const require = createRequire(import.meta.url);
  const { Tap } = require('avsc/lib/utils.js') as { Tap: { prototype: Record<string, unknown> } };
  const proto = Tap.prototype;
  if (proto.__eventlineGuarded) return;
  const readLong = proto.readLong as ReadLong;
  const guarded: ReadLong = function (this: Tap) {
    if (this.pos >= this.buf.length) throw new RangeError('read past the end of the buffer');
    return readLong.call(this);
  };
  proto.readLong = guarded;
  proto.readInt = guarded;
  proto.__eventlineGuarded = true;
}
