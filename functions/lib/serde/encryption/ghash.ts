/**
 * GHASH (NIST SP 800-38D, §6.3–6.4) under a fixed hash key H, for AES-GCM without associated data.
 *
 * Written by hand because node:crypto offers GHASH only inside a GCM cipher object, whose per-call
 * setup is what aes-gcm.ts avoids. Constant time by construction: the product X·H is the XOR of the
 * precomputed H·x^i selected by each bit of X through an all-ones or all-zeros mask, so neither a
 * branch nor a memory address depends on X or H. (A 4- or 8-bit lookup table would be faster but
 * would index memory by secret-dependent values, which leaks through the cache.)
 */
export class Ghash {
  /** H·x^i for i = 0..127, four big-endian 32-bit words each: what bit i of a block adds. */
  private readonly powers = new Int32Array(128 * 4);
  /** The running hash Y, four big-endian words. */
  private readonly y = new Int32Array(4);

  /** `h` is E_K(0^128), the 16-byte hash key of the GCM key. */
  constructor(h: Buffer) {
    let v0 = h.readInt32BE(0);
    let v1 = h.readInt32BE(4);
    let v2 = h.readInt32BE(8);
    let v3 = h.readInt32BE(12);
    for (let i = 0; i < 128 * 4; i += 4) {
      this.powers[i] = v0;
      this.powers[i + 1] = v1;
      this.powers[i + 2] = v2;
      this.powers[i + 3] = v3;
      // Multiplying by x in GCM's bit-reflected field is a right shift, reduced by R = 0xE1 || 0^120
      // when a bit falls off; the mask keeps it branch-free.
      const carry = -(v3 & 1);
      v3 = (v3 >>> 1) | (v2 << 31);
      v2 = (v2 >>> 1) | (v1 << 31);
      v1 = (v1 >>> 1) | (v0 << 31);
      v0 = (v0 >>> 1) ^ (0xe1000000 & carry);
    }
  }

  /**
   * GHASH of `data[start, end)` zero-padded to whole blocks, followed by the lengths block
   * (no associated data), written as 16 bytes at `out[outOffset]`.
   */
  digest(data: Buffer, start: number, end: number, out: Buffer, outOffset: number): void {
    const y = this.y;
    y.fill(0);
    let pos = start;
    for (; pos + 16 <= end; pos += 16) {
      y[0] = (y[0] as number) ^ word(data, pos, end);
      y[1] = (y[1] as number) ^ word(data, pos + 4, end);
      y[2] = (y[2] as number) ^ word(data, pos + 8, end);
      y[3] = (y[3] as number) ^ word(data, pos + 12, end);
      this.multiply();
    }
    if (pos < end) {
      y[0] = (y[0] as number) ^ word(data, pos, end);
      y[1] = (y[1] as number) ^ word(data, pos + 4, end);
      y[2] = (y[2] as number) ^ word(data, pos + 8, end);
      y[3] = (y[3] as number) ^ word(data, pos + 12, end);
      this.multiply();
    }
    // Lengths block: 64-bit bit length of the associated data (0), then of the ciphertext.
    const bits = (end - start) * 8;
    y[2] = (y[2] as number) ^ Math.floor(bits / 0x1_0000_0000);
    y[3] = (y[3] as number) ^ (bits >>> 0);
    this.multiply();
    for (let i = 0; i < 16; i++) out[outOffset + i] = ((y[i >> 2] as number) >>> (24 - 8 * (i & 3))) & 0xff;
  }

  /** Y = Y·H. */
  private multiply(): void {
    const p = this.powers;
    const y = this.y;
    let z0 = 0;
    let z1 = 0;
    let z2 = 0;
    let z3 = 0;
    for (let w = 0; w < 4; w++) {
      const x = y[w] as number;
      for (let b = 0, i = w * 128; b < 32; b++, i += 4) {
        // All ones when bit b (from the most significant) of x is set, else zero.
        const m = (x << b) >> 31;
        z0 ^= (p[i] as number) & m;
        z1 ^= (p[i + 1] as number) & m;
        z2 ^= (p[i + 2] as number) & m;
        z3 ^= (p[i + 3] as number) & m;
      }
    }
    y[0] = z0;
    y[1] = z1;
    y[2] = z2;
    y[3] = z3;
  }
}

/** The big-endian word at `pos`, with bytes at or past `end` read as zero (the last block's padding). */
function word(data: Buffer, pos: number, end: number): number {
  if (pos + 4 <= end) {
    return (
      ((data[pos] as number) << 24) |
      ((data[pos + 1] as number) << 16) |
      ((data[pos + 2] as number) << 8) |
      (data[pos + 3] as number)
    );
  }
  let value = 0;
  for (let i = 0; i < 4; i++) value = (value << 8) | (pos + i < end ? (data[pos + i] as number) : 0);
  return value;
}
