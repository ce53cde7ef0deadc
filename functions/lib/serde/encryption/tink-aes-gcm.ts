import { createCipheriv, createDecipheriv, randomBytes, randomFillSync } from 'node:crypto';
import { CiphertextError, FieldEncryptionError } from './errors.js';

/**
 * AES-256-GCM in Tink's RAW output format (what Confluent's AES256_GCM DEKs use): 12-byte IV,
 * ciphertext, 16-byte tag, no key-id prefix, empty associated data. Written on node:crypto
 * because no maintained npm package implements Tink's AEAD; the format is three fields.
 */
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
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

function nextIv(out: Buffer): void {
  if (ivPos === ivPool.length) {
    randomFillSync(ivPool);
    ivPos = 0;
  }
  ivPool.copy(out, 0, ivPos, ivPos + IV_BYTES);
  ivPos += IV_BYTES;
}

/** Encrypts with a 32-byte AES key; `prefix` bytes are reserved at the front for the caller. */
export function seal(key: Buffer, plaintext: Buffer, prefix = 0): Buffer {
  const out = Buffer.allocUnsafe(prefix + IV_BYTES + plaintext.length + TAG_BYTES);
  const iv = out.subarray(prefix, prefix + IV_BYTES);
  nextIv(iv);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = prefix + IV_BYTES;
  const written = cipher.update(plaintext);
  written.copy(out, body);
  cipher.final();
  cipher.getAuthTag().copy(out, body + plaintext.length);
  return out;
}

/** Decrypts Tink RAW AES-GCM bytes; a wrong key or altered bytes fail the tag check. */
export function open(key: Buffer, sealed: Buffer): Buffer {
  if (sealed.length < IV_BYTES + TAG_BYTES) {
    throw new CiphertextError(`ciphertext of ${sealed.length} bytes is shorter than IV and tag`);
  }
  const tagStart = sealed.length - TAG_BYTES;
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, IV_BYTES));
  decipher.setAuthTag(sealed.subarray(tagStart));
  const plaintext = decipher.update(sealed.subarray(IV_BYTES, tagStart));
  try {
    decipher.final();
  } catch (error) {
    throw new CiphertextError('ciphertext failed AES-GCM authentication (wrong DEK or altered bytes)', {
      cause: error,
    });
  }
  return plaintext;
}
