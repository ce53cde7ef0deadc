import { createCipheriv, createDecipheriv, randomBytes, randomFillSync } from 'node:crypto';
import { AesGcm } from './aes-gcm.js';
import { CiphertextError, FieldEncryptionError } from './errors.js';

/**
 * AES-256-GCM in Tink's RAW output format (what Confluent's AES256_GCM DEKs use): 12-byte IV,
 * ciphertext, 16-byte tag, no key-id prefix, empty associated data. Written here because no
 * maintained npm package implements Tink's AEAD; the format is three fields. Short fields, nearly
 * every PII value, use AesGcm (a reused AES context, see aes-gcm.ts for why); long ones node:crypto.
 */
const KEY_BYTES = 32;
/** Bytes of the random IV in front of the ciphertext. */
export const IV_BYTES = 12;
/** Bytes of the GCM tag after the ciphertext. */
export const TAG_BYTES = 16;
/** Tink's AesGcmKey protobuf: field 1 version (varint, 0 left out), field 3 key_value (bytes). */
const KEY_VALUE_TAG = 0x1a;
const VERSION_TAG = 0x08;

/** A fresh DEK as Confluent stores it: a serialized Tink AesGcmKey holding 32 random bytes. */
export function newDekMaterial(): Buffer {
  return Buffer.concat([Buffer.from([KEY_VALUE_TAG, KEY_BYTES]), randomBytes(KEY_BYTES)]);
}

/** The raw AES key inside a serialized Tink AesGcmKey. */
export function aesKeyOf(material: Buffer): Buffer {
  let pos = 0;
  while (pos < material.length) {
    const tag = material[pos++];
    if (tag === VERSION_TAG) {
      const version = material[pos++];
      if (version !== 0) throw new FieldEncryptionError(`Tink AesGcmKey version ${version} is not 0`);
    } else if (tag === KEY_VALUE_TAG) {
      const length = material[pos++] as number;
      if (length !== KEY_BYTES || pos + length > material.length) {
        throw new FieldEncryptionError(`DEK holds a ${length}-byte AES key; AES256_GCM needs ${KEY_BYTES}`);
      }
      return material.subarray(pos, pos + length);
    } else {
      break;
    }
  }
  throw new FieldEncryptionError('DEK key material is not a Tink AesGcmKey');
}

/** IVs come from a pooled random buffer: one getrandom call per 341 fields instead of one each. */
const ivPool = Buffer.allocUnsafe(IV_BYTES * 341);
let ivPos = ivPool.length;

function nextIv(out: Buffer, at: number): void {
  if (ivPos === ivPool.length) {
    randomFillSync(ivPool);
    ivPos = 0;
  }
  ivPool.copy(out, at, ivPos, ivPos + IV_BYTES);
  ivPos += IV_BYTES;
}

/**
 * Fields up to this size go through AesGcm, whose cost grows with the length (GHASH in
 * TypeScript); longer ones through node:crypto, whose per-call setup no longer dominates there.
 */
const SHORT_FIELD_BYTES = 256;

/**
 * One AesGcm per key, found by the key's Buffer: a DEK's key is one Buffer for the container's
 * life (DekKeyring keeps it). The copy guards against a caller that reuses a Buffer for another key.
 */
const contexts = new WeakMap<Buffer, { readonly key: Buffer; readonly gcm: AesGcm }>();

function gcmFor(key: Buffer): AesGcm {
  const found = contexts.get(key);
  if (found !== undefined && sameBytes(found.key, key)) return found.gcm;
  const context = { key: Buffer.from(key), gcm: new AesGcm(key) };
  contexts.set(key, context);
  return context.gcm;
}

/**
 * A byte loop rather than Buffer.equals: for 32 bytes the call into C++ costs more. Both sides are
 * the same secret key (or the caller changed it), so the early exit tells nothing worth hiding.
 */
function sameBytes(a: Buffer, b: Buffer): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Encrypts with a 32-byte AES key; `prefix` bytes are reserved at the front for the caller. */
export function seal(key: Buffer, plaintext: Buffer, prefix = 0): Buffer {
  const out = Buffer.allocUnsafe(prefix + IV_BYTES + plaintext.length + TAG_BYTES);
  sealInto(key, plaintext, 0, plaintext.length, out, prefix);
  return out;
}

/**
 * Encrypts `src[start, end)` into `out` at `at` as IV ‖ ciphertext ‖ tag. The plaintext may sit
 * where its ciphertext goes (`src` is `out`, `start` is `at + 12`): a field is then sealed in place.
 */
export function sealInto(
  key: Buffer,
  src: Buffer,
  start: number,
  end: number,
  out: Buffer,
  at: number,
): void {
  if (end - start <= SHORT_FIELD_BYTES) {
    gcmFor(key).sealRange(src, start, end, out, at);
    return;
  }
  const plaintext = src.subarray(start, end);
  nextIv(out, at);
  const cipher = createCipheriv('aes-256-gcm', key, out.subarray(at, at + IV_BYTES));
  const body = at + IV_BYTES;
  cipher.update(plaintext).copy(out, body);
  cipher.final();
  cipher.getAuthTag().copy(out, body + plaintext.length);
}

/** Decrypts Tink RAW AES-GCM bytes; a wrong key or altered bytes fail the tag check. */
export function open(key: Buffer, sealed: Buffer): Buffer {
  const plaintext = Buffer.allocUnsafe(Math.max(0, sealed.length - IV_BYTES - TAG_BYTES));
  openInto(key, sealed, 0, sealed.length, plaintext, 0);
  return plaintext;
}

/**
 * Decrypts the Tink RAW AES-GCM bytes at `sealed[start, end)` into `out` at `to` and returns the
 * plaintext's length; nothing is written unless the tag checks out. `out` may be `sealed` with
 * `to` at `start + 12` (opening in place).
 */
export function openInto(
  key: Buffer,
  sealed: Buffer,
  start: number,
  end: number,
  out: Buffer,
  to: number,
): number {
  const length = end - start - IV_BYTES - TAG_BYTES;
  if (length < 0) {
    throw new CiphertextError(`ciphertext of ${end - start} bytes is shorter than IV and tag`);
  }
  const opened =
    length <= SHORT_FIELD_BYTES
      ? gcmFor(key).openRange(sealed, start, end, out, to)
      : openLong(key, sealed.subarray(start, end), out, to);
  if (!opened) {
    throw new CiphertextError('ciphertext failed AES-GCM authentication (wrong DEK or altered bytes)');
  }
  return length;
}

function openLong(key: Buffer, sealed: Buffer, out: Buffer, to: number): boolean {
  const tagStart = sealed.length - TAG_BYTES;
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, IV_BYTES));
  decipher.setAuthTag(sealed.subarray(tagStart));
  const plaintext = decipher.update(sealed.subarray(IV_BYTES, tagStart));
  try {
    decipher.final();
  } catch {
    // node:crypto says only "Unsupported state or unable to authenticate data": nothing to keep.
    return false;
  }
  plaintext.copy(out, to);
  return true;
}
