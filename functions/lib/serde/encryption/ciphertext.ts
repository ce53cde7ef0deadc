import { CiphertextError } from './errors.js';

/**
 * Confluent prefixes a field's ciphertext with the DEK version when DEKs rotate
 * (`encrypt.dek.expiry.days` > 0): 0x00, then the version as int32 big-endian. Without rotation
 * there is no prefix and the DEK is version 1.
 */
export const VERSION_PREFIX_BYTES = 5;

/** Writes the version prefix into the first five bytes of `out`. */
export function writeVersionPrefix(out: Buffer, version: number): void {
  out[0] = 0;
  out.writeInt32BE(version, 1);
}

/** The DEK version of a rotated-DEK ciphertext, and the sealed bytes after it. */
export function splitVersion(bytes: Buffer): { readonly version: number; readonly sealed: Buffer } {
  return { version: versionOf(bytes, bytes.length), sealed: bytes.subarray(VERSION_PREFIX_BYTES) };
}

/** The DEK version of the rotated-DEK ciphertext held in `bytes[0, length)`. */
export function versionOf(bytes: Buffer, length: number): number {
  if (length < VERSION_PREFIX_BYTES || bytes[0] !== 0) {
    throw new CiphertextError(
      'ciphertext has no DEK version prefix (0x00 + int32), expected with DEK rotation',
    );
  }
  return bytes.readInt32BE(1);
}
