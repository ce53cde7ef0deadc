/**
 * A reusable encode buffer: header and payload are written into it, then copied once into a
 * right-sized Buffer, so an encode allocates nothing but its result. Single-threaded use only
 * (JavaScript runs one encode at a time; nothing awaits between write and copy).
 */
export class Scratch {
  buf: Buffer;

  constructor(size = 16 * 1024) {
    this.buf = Buffer.allocUnsafe(size);
  }

  /** Makes room for `size` bytes, keeping the first `keep` bytes already written. */
  ensure(size: number, keep: number): void {
    if (size <= this.buf.length) return;
    const grown = Buffer.allocUnsafe(Math.max(size, this.buf.length * 2));
    this.buf.copy(grown, 0, 0, keep);
    this.buf = grown;
  }

  /** A copy of bytes [0, end). */
  take(end: number): Buffer {
    const out = Buffer.allocUnsafe(end);
    this.buf.copy(out, 0, 0, end);
    return out;
  }
}
