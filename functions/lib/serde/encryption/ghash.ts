/**
 * Bits per window, windows per 32-bit word and per block, entries per window, words per entry.
 * 8-bit windows take half the lookups of 4-bit ones for 16 times the table: 64 KiB per power of H,
 * built on first use (two for a 17–32-byte field, at most 17 below the 256-byte node:crypto limit).
 * Measured on bench B12, that is about 0.15 µs per record encrypted and decrypted.
 */
const BITS = 8;
const WORD_WINDOWS = 32 / BITS;
const WINDOWS = 4 * WORD_WINDOWS;
const WINDOW_ENTRIES = 1 << BITS;
const WINDOW_MASK = WINDOW_ENTRIES - 1;
const WORDS = 4;
/** Ciphertext lengths whose lengths-block term is kept: beyond, AES-GCM is node:crypto's anyway. */
const CACHED_LENGTHS = 256;

/**
 * GHASH (NIST SP 800-38D, §6.3–6.4) under a fixed hash key H, for AES-GCM without associated data.
 *
 * Written by hand because node:crypto offers GHASH only inside a GCM cipher object, whose per-call
 * setup is what aes-gcm.ts avoids. Rather than Horner's rule, Y = ((C1·H ⊕ C2)·H ⊕ …)·H, whose
 * running Y is secret, the hash is computed as the expanded sum C1·H^m ⊕ C2·H^(m-1) ⊕ … ⊕ L·H,
 * where each product has one public factor (a ciphertext or lengths block) and one secret (a power
 * of H). That lets a product use window tables of H^k indexed by the public block's bytes:
 * memory addresses depend on public data only, so the cache tells nothing of H, at an eighth of
 * the work of a bit-by-bit product. The tables themselves are built without any secret-dependent
 * branch or address (mask arithmetic), once per power of H a field length needs.
 */
export class Ghash {
  /** tables[k - 1]: for H^k, the product with every window value at every window position. */
  private readonly tables: Int32Array[] = [];
  /**
   * L·H for each ciphertext length up to CACHED_LENGTHS bytes, filled on first use: the lengths
   * block depends on the length only, and for a short field it was a third of the products.
   */
  private readonly lengthTerms = new Int32Array((CACHED_LENGTHS + 1) * WORDS);
  private readonly lengthKnown = new Uint8Array(CACHED_LENGTHS + 1);
  /** The running sum of one digest; a field of the instance so the product helper allocates nothing. */
  private readonly z = new Int32Array(WORDS);

  /** `h` is E_K(0^128), the 16-byte hash key of the GCM key. */
  constructor(h: Buffer) {
    this.tables.push(windowTable([h.readInt32BE(0), h.readInt32BE(4), h.readInt32BE(8), h.readInt32BE(12)]));
  }

  /**
   * GHASH of `data[start, end)` zero-padded to whole blocks, followed by the lengths block
   * (no associated data), written as 16 bytes at `out[outOffset]`.
   */
  digest(data: Buffer, start: number, end: number, out: Buffer, outOffset: number): void {
    const length = end - start;
    const blocks = Math.ceil(length / 16);
    while (this.tables.length < blocks + 1) this.addPower();
    const z = this.z;
    this.lengthTerm(length, z);
    // Block b is multiplied by H^(blocks + 1 - b); the lengths block, by H, is in z already.
    for (let b = 0; b < blocks; b++) {
      const table = this.tables[blocks - b] as Int32Array;
      const at = start + 16 * b;
      for (let w = 0; w < WORDS; w++) accumulate(table, w, word(data, at + 4 * w, end), z);
    }
    for (let w = 0; w < WORDS; w++) writeWord(out, outOffset + 4 * w, z[w] as number);
  }

  /** Sets `z` to L·H, the lengths block of a `length`-byte ciphertext times H. */
  private lengthTerm(length: number, z: Int32Array): void {
    const cached = length <= CACHED_LENGTHS;
    if (cached && this.lengthKnown[length] === 1) {
      for (let w = 0; w < WORDS; w++) z[w] = this.lengthTerms[length * WORDS + w] as number;
      return;
    }
    z.fill(0);
    const bits = length * 8;
    const h = this.tables[0] as Int32Array;
    accumulate(h, 2, Math.floor(bits / 0x1_0000_0000), z);
    accumulate(h, 3, bits >>> 0, z);
    if (cached) {
      this.lengthTerms.set(z, length * WORDS);
      this.lengthKnown[length] = 1;
    }
  }

  /** The window table of the next power of H: H^(k+1) = H^k · H. */
  private addPower(): void {
    const last = this.tables[this.tables.length - 1] as Int32Array;
    const h = this.tables[0] as Int32Array;
    // H^k itself is the table entry for the window value with only its top bit set (x^0) at position 0.
    const base = (WINDOW_ENTRIES >>> 1) * WORDS;
    const power = last.subarray(base, base + WORDS);
    const product = new Int32Array(WORDS);
    for (let w = 0; w < WORDS; w++) accumulateSecret(h, w, power[w] as number, product);
    this.tables.push(windowTable(product));
  }
}

/**
 * z ^= (the 32 bits `x` at word `w` of a secret element) · the table's power of H. Every entry is
 * read and masked, so no address depends on x.
 */
function accumulateSecret(table: Int32Array, w: number, x: number, z: Int32Array): void {
  for (let s = 0; s < WORD_WINDOWS; s++) {
    const value = (x >>> (32 - BITS * (s + 1))) & WINDOW_MASK;
    for (let n = 0; n < WINDOW_ENTRIES; n++) {
      // All ones when n equals the window value, else zero, without a comparison branch.
      const m = ((n ^ value) - 1) >> 31;
      const at = ((w * WORD_WINDOWS + s) * WINDOW_ENTRIES + n) * WORDS;
      z[0] = (z[0] as number) ^ ((table[at] as number) & m);
      z[1] = (z[1] as number) ^ ((table[at + 1] as number) & m);
      z[2] = (z[2] as number) ^ ((table[at + 2] as number) & m);
      z[3] = (z[3] as number) ^ ((table[at + 3] as number) & m);
    }
  }
}

/**
 * For field element `v` (four big-endian words), the products v · (n · x^(BITS·j)) for every window
 * position j and window value n: WINDOWS × WINDOW_ENTRIES entries of WORDS words.
 */
function windowTable(v: ArrayLike<number>): Int32Array {
  const table = new Int32Array(WINDOWS * WINDOW_ENTRIES * WORDS);
  /** v · x^(BITS·j+b) for the BITS bits b of the current position, most significant first. */
  const singles = new Int32Array(BITS * WORDS);
  let v0 = v[0] as number;
  let v1 = v[1] as number;
  let v2 = v[2] as number;
  let v3 = v[3] as number;
  for (let j = 0; j < WINDOWS; j++) {
    for (let b = 0; b < BITS; b++) {
      singles.set([v0, v1, v2, v3], b * WORDS);
      // Multiplying by x in GCM's bit-reflected field is a right shift, reduced by R = 0xE1 || 0^120
      // when a bit falls off; the mask keeps it branch-free.
      const carry = -(v3 & 1);
      v3 = (v3 >>> 1) | (v2 << 31);
      v2 = (v2 >>> 1) | (v1 << 31);
      v1 = (v1 >>> 1) | (v0 << 31);
      v0 = (v0 >>> 1) ^ (0xe1000000 & carry);
    }
    // Entry n is entry (n without its lowest set bit), already filled, plus that bit's single.
    for (let n = 1; n < WINDOW_ENTRIES; n++) {
      const lowest = n & -n;
      const single = (BITS - 1 - (31 - Math.clz32(lowest))) * WORDS;
      const at = (j * WINDOW_ENTRIES + n) * WORDS;
      const rest = (j * WINDOW_ENTRIES + (n ^ lowest)) * WORDS;
      for (let k = 0; k < WORDS; k++) {
        table[at + k] = (table[rest + k] as number) ^ (singles[single + k] as number);
      }
    }
  }
  return table;
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

/**
 * z ^= the 32 bits `x` at word `w` of a public block · the table's power of H: one table entry per
 * window of x, so the addresses depend on public data only.
 */
function accumulate(table: Int32Array, w: number, x: number, z: Int32Array): void {
  let z0 = z[0] as number;
  let z1 = z[1] as number;
  let z2 = z[2] as number;
  let z3 = z[3] as number;
  const base = w * WORD_WINDOWS * WINDOW_ENTRIES;
  for (let s = 0; s < WORD_WINDOWS; s++) {
    const at = (base + s * WINDOW_ENTRIES + ((x >>> (32 - BITS * (s + 1))) & WINDOW_MASK)) * WORDS;
    z0 ^= table[at] as number;
    z1 ^= table[at + 1] as number;
    z2 ^= table[at + 2] as number;
    z3 ^= table[at + 3] as number;
  }
  z[0] = z0;
  z[1] = z1;
  z[2] = z2;
  z[3] = z3;
}

function writeWord(out: Buffer, at: number, value: number): void {
  out[at] = value >>> 24;
  out[at + 1] = (value >>> 16) & 0xff;
  out[at + 2] = (value >>> 8) & 0xff;
  out[at + 3] = value & 0xff;
}
