/**
 * Standard base64 (RFC 4648 §4, padded), to and from bytes in a caller's buffer, in TypeScript:
 * for a field-sized ciphertext the calls into C++ of Buffer's base64 cost more than the
 * conversion itself (bench B12). Only ever applied to ciphertext, never to plaintext, so the
 * table lookups indexed by its bytes reveal nothing secret.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const PAD = 0x3d;
const CODES = Uint8Array.from(ALPHABET, (char) => char.charCodeAt(0));
/** Sextet of each byte; -1 for a byte outside the standard alphabet (padding included). */
const SEXTETS = new Int8Array(256).fill(-1);
for (let i = 0; i < CODES.length; i++) SEXTETS[CODES[i] as number] = i;

/** Characters of the base64 of `bytes` bytes. */
export function base64Length(bytes: number): number {
  return 4 * Math.ceil(bytes / 3);
}

/**
 * Writes the base64 of `src[start, end)` as ASCII at `out[at]` and returns where it ends; read it
 * back with `out.toString('latin1', at, returned)`. `out` may be `src` when `at` is at or past `end`.
 */
export function encodeBase64(src: Buffer, start: number, end: number, out: Buffer, at: number): number {
  let o = at;
  let i = start;
  for (; i + 2 < end; i += 3) {
    const v = ((src[i] as number) << 16) | ((src[i + 1] as number) << 8) | (src[i + 2] as number);
    out[o++] = CODES[v >>> 18] as number;
    out[o++] = CODES[(v >>> 12) & 63] as number;
    out[o++] = CODES[(v >>> 6) & 63] as number;
    out[o++] = CODES[v & 63] as number;
  }
  const rest = end - i;
  if (rest > 0) {
    const v = ((src[i] as number) << 16) | (rest === 2 ? (src[i + 1] as number) << 8 : 0);
    out[o++] = CODES[v >>> 18] as number;
    out[o++] = CODES[(v >>> 12) & 63] as number;
    out[o++] = rest === 2 ? (CODES[(v >>> 6) & 63] as number) : PAD;
    out[o++] = PAD;
  }
  return o;
}

/**
 * Decodes canonical padded base64 into `out` at `at` and returns the byte count, or -1 when `text`
 * is anything else (URL-safe alphabet, whitespace, missing padding, non-ASCII): the caller then
 * decodes with Buffer, whose lenient rules stay the reference for such input. `out` must hold
 * `text.length` bytes from `at`: the characters are copied there first (one call into C++, cheaper
 * than reading them one by one from the string) and decoded in place.
 */
export function decodeBase64(text: string, out: Buffer, at: number): number {
  const length = text.length;
  // A character outside ASCII takes more than one UTF-8 byte, all of them outside the alphabet.
  if (length % 4 !== 0 || out.write(text, at, 'utf8') !== length) return -1;
  let o = at;
  for (let i = at; i < at + length; i += 4) {
    const a = SEXTETS[out[i] as number] as number;
    const b = SEXTETS[out[i + 1] as number] as number;
    const c = SEXTETS[out[i + 2] as number] as number;
    const d = SEXTETS[out[i + 3] as number] as number;
    if ((a | b | c | d) >= 0) {
      const v = (a << 18) | (b << 12) | (c << 6) | d;
      out[o++] = v >>> 16;
      out[o++] = (v >>> 8) & 0xff;
      out[o++] = v & 0xff;
    } else if (i + 4 === at + length && (a | b) >= 0 && out[i + 3] === PAD) {
      // The last quartet may end in one or two '=': two or one bytes.
      const third = out[i + 2] as number;
      out[o++] = (a << 2) | (b >>> 4);
      if (c >= 0) out[o++] = ((b & 0xf) << 4) | (c >>> 2);
      else if (third !== PAD) return -1;
    } else {
      return -1;
    }
  }
  return o - at;
}
