import { type Cipher, createCipheriv, randomFillSync } from 'node:crypto';
import { Ghash } from './ghash.js';

const BLOCK = 16;
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** IVs drawn, and their keystreams computed, per refill of the seal pool. */
const POOL_SLOTS = 256;
/** Blocks per pooled IV: E(J0) for the tag, then keystream for fields up to 48 bytes. */
const SLOT_BLOCKS = 4;
/** Counter blocks of up to this many are built in a kept buffer (J0 and 256 bytes of keystream). */
const KEPT_COUNTER_BLOCKS = 17;

/**
 * AES-256-GCM (NIST SP 800-38D) with a 12-byte IV, no associated data and a 16-byte tag, for one
 * key, built to be reused for every field that key encrypts.
 *
 * Why not node:crypto's `aes-256-gcm`: a GCM cipher object takes its IV at creation and cannot be
 * re-initialised, so each field paid OpenSSL's context setup (cipher fetch, key schedule, hash key)
 * — most of the cost of encrypting a short field (bench B12). Here the AES block function stays
 * OpenSSL's (one `aes-256-ecb` context per key, kept open, hardware AES) and only the GCM mode
 * around it — counter blocks and GHASH — is in TypeScript. It is checked against node:crypto's
 * AES-256-GCM on random keys, IVs and lengths (test/unit/serde/encryption/aes-gcm.test.ts).
 *
 * Sealing draws its own random IVs, POOL_SLOTS at a time, and computes their keystreams in the same
 * AES call, so a short field costs no call into OpenSSL at all. Each pooled IV is used once.
 */
export class AesGcm {
  private readonly blocks: Cipher;
  private readonly ghash: Ghash;
  private readonly tag = Buffer.alloc(TAG_BYTES);
  /** The pooled IVs and their counter blocks, as bytes and as 32-bit words over the same memory. */
  private readonly ivWords = new Uint32Array((POOL_SLOTS * IV_BYTES) / 4);
  private readonly ivs = Buffer.from(this.ivWords.buffer);
  private readonly counterWords = new Uint32Array((POOL_SLOTS * SLOT_BLOCKS * BLOCK) / 4);
  private readonly counters = Buffer.from(this.counterWords.buffer);
  private stream = Buffer.alloc(0);
  /** Views of one kept buffer, by block count, so opening a field allocates no counter buffer. */
  private readonly keptCounters: readonly Buffer[];
  private slot = POOL_SLOTS;

  constructor(key: Buffer) {
    // ECB here is the raw block function applied to counter blocks, never to data.
    this.blocks = createCipheriv('aes-256-ecb', key, null);
    this.blocks.setAutoPadding(false);
    this.ghash = new Ghash(this.blocks.update(Buffer.alloc(BLOCK)));
    const kept = Buffer.alloc(KEPT_COUNTER_BLOCKS * BLOCK);
    this.keptCounters = Array.from({ length: KEPT_COUNTER_BLOCKS + 1 }, (_, count) =>
      kept.subarray(0, count * BLOCK),
    );
  }

  /** Encrypts `plaintext` into `out` at `at`: a fresh IV, the ciphertext, then the tag. */
  seal(plaintext: Buffer, out: Buffer, at: number): void {
    this.sealRange(plaintext, 0, plaintext.length, out, at);
  }

  /**
   * Encrypts `src[start, end)` into `out` at `at`: a fresh IV, the ciphertext, then the tag. The
   * plaintext may already sit in `out` at `at + 12` (sealing in place): each byte is read before
   * it is overwritten.
   */
  sealRange(src: Buffer, start: number, end: number, out: Buffer, at: number): void {
    if (this.slot === POOL_SLOTS) this.refill();
    const slot = this.slot++;
    const length = end - start;
    // Byte loops rather than Buffer.copy here and below: for 12 bytes a call into C++ costs more.
    for (let i = 0; i < IV_BYTES; i++) out[at + i] = this.ivs[slot * IV_BYTES + i] as number;
    const pooled = length <= (SLOT_BLOCKS - 1) * BLOCK;
    const stream = pooled ? this.stream : this.keystream(out, at, length);
    const from = pooled ? slot * SLOT_BLOCKS * BLOCK : 0;
    const body = at + IV_BYTES;
    for (let i = 0; i < length; i++) {
      out[body + i] = (src[start + i] as number) ^ (stream[from + BLOCK + i] as number);
    }
    const tagAt = body + length;
    this.ghash.digest(out, body, tagAt, out, tagAt);
    for (let i = 0; i < TAG_BYTES; i++) {
      out[tagAt + i] = (out[tagAt + i] as number) ^ (stream[from + i] as number);
    }
  }

  /**
   * The plaintext of IV ‖ ciphertext ‖ tag, or undefined when the tag does not check out; nothing
   * is decrypted before it does.
   */
  open(sealed: Buffer): Buffer | undefined {
    const plaintext = Buffer.allocUnsafe(sealed.length - IV_BYTES - TAG_BYTES);
    return this.openRange(sealed, 0, sealed.length, plaintext, 0) ? plaintext : undefined;
  }

  /**
   * Decrypts IV ‖ ciphertext ‖ tag at `sealed[start, end)` into `out` at `to`; false, with nothing
   * written, when the tag does not check out. `out` may be `sealed` with `to` = `start + 12`
   * (opening in place).
   */
  openRange(sealed: Buffer, start: number, end: number, out: Buffer, to: number): boolean {
    const body = start + IV_BYTES;
    const tagAt = end - TAG_BYTES;
    const length = tagAt - body;
    const stream = this.keystream(sealed, start, length);
    this.ghash.digest(sealed, body, tagAt, this.tag, 0);
    // Every tag byte is compared whatever the first difference, so the time says nothing of where.
    let difference = 0;
    for (let i = 0; i < TAG_BYTES; i++) {
      difference |= (this.tag[i] as number) ^ (stream[i] as number) ^ (sealed[tagAt + i] as number);
    }
    if (difference !== 0) return false;
    for (let i = 0; i < length; i++) {
      out[to + i] = (sealed[body + i] as number) ^ (stream[BLOCK + i] as number);
    }
    return true;
  }

  /** Draws POOL_SLOTS IVs and computes the SLOT_BLOCKS keystream blocks of each in one AES call. */
  private refill(): void {
    randomFillSync(this.ivs);
    // Word stores, an IV's three words then the counter's: a quarter of the stores of a byte loop,
    // for 1024 blocks per refill.
    const ivWords = this.ivWords;
    const words = this.counterWords;
    for (let slot = 0; slot < POOL_SLOTS; slot++) {
      const iv = slot * (IV_BYTES / 4);
      for (let k = 0; k < SLOT_BLOCKS; k++) {
        const at = (slot * SLOT_BLOCKS + k) * (BLOCK / 4);
        words[at] = ivWords[iv] as number;
        words[at + 1] = ivWords[iv + 1] as number;
        words[at + 2] = ivWords[iv + 2] as number;
        words[at + 3] = COUNTER_WORDS[k] as number;
      }
    }
    this.stream = this.blocks.update(this.counters);
    this.slot = 0;
  }

  /** E(J0) (which masks the tag), then the keystream for `length` bytes: E(IV ‖ 2), E(IV ‖ 3), … */
  private keystream(iv: Buffer, at: number, length: number): Buffer {
    const count = 1 + Math.ceil(length / BLOCK);
    const counters = this.keptCounters[count] ?? Buffer.allocUnsafe(count * BLOCK);
    for (let k = 0; k < count; k++) counterBlock(iv, at, k + 1, counters, k * BLOCK);
    return this.blocks.update(counters);
  }
}

/**
 * The last word of counter blocks 1 to SLOT_BLOCKS (big-endian in memory) as the platform reads
 * it through a Uint32Array, whatever its byte order.
 */
const COUNTER_WORDS = (() => {
  const words = new Uint32Array(SLOT_BLOCKS);
  const bytes = Buffer.from(words.buffer);
  for (let k = 0; k < SLOT_BLOCKS; k++) bytes.writeUInt32BE(k + 1, 4 * k);
  return words;
})();

/**
 * Writes the counter block IV ‖ `counter` (big-endian) at `out[to]`. J0 is IV ‖ 1 for a 12-byte IV
 * and inc32 counts the last word up from there; it would wrap only past 64 GiB of one field.
 */
function counterBlock(iv: Buffer, at: number, counter: number, out: Buffer, to: number): void {
  for (let i = 0; i < IV_BYTES; i++) out[to + i] = iv[at + i] as number;
  out[to + 12] = counter >>> 24;
  out[to + 13] = (counter >>> 16) & 0xff;
  out[to + 14] = (counter >>> 8) & 0xff;
  out[to + 15] = counter & 0xff;
}
