import { createDecipheriv, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CiphertextError } from '../../../../functions/lib/serde/encryption/errors.js';
import { StringFieldCipher } from '../../../../functions/lib/serde/encryption/string-field-cipher.js';
import { seal } from '../../../../functions/lib/serde/encryption/tink-aes-gcm.js';

/** IV ‖ ciphertext ‖ tag opened by node:crypto (OpenSSL), the reference. */
function nodeOpen(key: Buffer, sealed: Buffer): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
  decipher.setAuthTag(sealed.subarray(sealed.length - 16));
  return Buffer.concat([decipher.update(sealed.subarray(12, sealed.length - 16)), decipher.final()]);
}

/** Short and long (node:crypto path) strings, ASCII and not, surrogate pairs included. */
const text = fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 120 }));

describe('StringFieldCipher', () => {
  it('seals a string as base64 of its UTF-8 bytes that node:crypto opens, with and without a version', () => {
    const cipher = new StringFieldCipher();
    fc.assert(
      fc.property(text, fc.option(fc.integer({ min: 1, max: 2 ** 31 - 1 })), (plain, version) => {
        const key = randomBytes(32);
        const bytes = Buffer.from(cipher.seal(key, plain, version ?? undefined), 'base64');

        if (version === null) {
          expect(nodeOpen(key, bytes).toString('utf8')).toBe(plain);
        } else {
          expect(bytes[0]).toBe(0);
          expect(bytes.readInt32BE(1)).toBe(version);
          expect(nodeOpen(key, bytes.subarray(5)).toString('utf8')).toBe(plain);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('opens what Buffer-based sealing wrote, reading the version first', () => {
    const cipher = new StringFieldCipher();
    fc.assert(
      fc.property(text, fc.integer({ min: 1, max: 2 ** 31 - 1 }), (plain, version) => {
        const key = randomBytes(32);
        const sealed = seal(key, Buffer.from(plain, 'utf8'), 5);
        sealed[0] = 0;
        sealed.writeInt32BE(version, 1);

        cipher.load(sealed.toString('base64'));

        expect(cipher.version()).toBe(version);
        expect(cipher.open(key, true)).toBe(plain);
      }),
      { numRuns: 400 },
    );
  });

  it('reads URL-safe and unpadded base64 as Buffer does', () => {
    const cipher = new StringFieldCipher();
    const key = randomBytes(32);
    const sealed = seal(key, Buffer.from('ada@example.com'));

    cipher.load(sealed.toString('base64url'));

    expect(cipher.open(key, false)).toBe('ada@example.com');
  });

  it('refuses altered, truncated or unversioned ciphertext with CiphertextError', () => {
    const cipher = new StringFieldCipher();
    const key = randomBytes(32);
    const altered = seal(key, Buffer.from('ada@example.com'));
    altered[20] = (altered[20] as number) ^ 1;

    cipher.load(altered.toString('base64'));
    expect(() => cipher.open(key, false)).toThrow(CiphertextError);
    cipher.load('AAAA');
    expect(() => cipher.open(key, false)).toThrow(CiphertextError);
    cipher.load(Buffer.from([1, 0, 0, 0, 1, 9]).toString('base64'));
    expect(() => cipher.version()).toThrow(CiphertextError);
  });

  it('grows its scratch for a field longer than it holds', () => {
    const cipher = new StringFieldCipher();
    const key = randomBytes(32);
    const long = 'é'.repeat(5000);

    cipher.load(cipher.seal(key, long, 3));

    expect(cipher.version()).toBe(3);
    expect(cipher.open(key, true)).toBe(long);
  });
});
