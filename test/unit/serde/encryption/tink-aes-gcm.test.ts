import { describe, expect, it } from 'vitest';
import { splitVersion, writeVersionPrefix } from '../../../../functions/lib/serde/encryption/ciphertext.js';
import { CiphertextError, FieldEncryptionError } from '../../../../functions/lib/serde/encryption/errors.js';
import {
  aesKeyOf,
  newDekMaterial,
  open,
  seal,
} from '../../../../functions/lib/serde/encryption/tink-aes-gcm.js';

describe('Tink AES-GCM (RAW)', () => {
  it('stores a DEK as a serialized Tink AesGcmKey holding a 32-byte key', () => {
    const material = newDekMaterial();

    expect(material.length).toBe(34);
    expect(material.subarray(0, 2)).toEqual(Buffer.from([0x1a, 0x20]));
    expect(aesKeyOf(material)).toEqual(material.subarray(2));
  });

  it('reads a key whose material spells out version 0', () => {
    const key = Buffer.alloc(32, 7);

    expect(aesKeyOf(Buffer.concat([Buffer.from([0x08, 0x00, 0x1a, 0x20]), key]))).toEqual(key);
  });

  it('refuses key material of another size', () => {
    expect(() => aesKeyOf(Buffer.concat([Buffer.from([0x1a, 0x10]), Buffer.alloc(16)]))).toThrow(
      FieldEncryptionError,
    );
  });

  it('writes IV, ciphertext and tag, and reads them back', () => {
    const key = aesKeyOf(newDekMaterial());
    const plaintext = Buffer.from('ada@example.com');

    const sealed = seal(key, plaintext);

    expect(sealed.length).toBe(12 + plaintext.length + 16);
    expect(sealed.includes(plaintext)).toBe(false);
    expect(open(key, sealed).toString()).toBe('ada@example.com');
  });

  it('uses a fresh IV for every field', () => {
    const key = aesKeyOf(newDekMaterial());
    const ivs = new Set(
      Array.from({ length: 1000 }, () => seal(key, Buffer.from('x')).subarray(0, 12).toString('hex')),
    );

    expect(ivs.size).toBe(1000);
  });

  it('fails the tag check on a wrong key or altered bytes', () => {
    const key = aesKeyOf(newDekMaterial());
    const sealed = seal(key, Buffer.from('secret'));
    const altered = Buffer.from(sealed);
    altered[13] = (altered[13] as number) ^ 1;

    expect(() => open(aesKeyOf(newDekMaterial()), sealed)).toThrow(CiphertextError);
    expect(() => open(key, altered)).toThrow(CiphertextError);
    expect(() => open(key, Buffer.alloc(10))).toThrow(CiphertextError);
  });

  it('prefixes the DEK version as 0x00 and an int32 when DEKs rotate', () => {
    const key = aesKeyOf(newDekMaterial());
    const out = seal(key, Buffer.from('hi'), 5);
    writeVersionPrefix(out, 258);

    expect(out.subarray(0, 5)).toEqual(Buffer.from([0, 0, 0, 1, 2]));
    const { version, sealed } = splitVersion(out);
    expect(version).toBe(258);
    expect(open(key, sealed).toString()).toBe('hi');
    expect(() => splitVersion(Buffer.from([1, 0, 0, 0, 1, 9]))).toThrow(CiphertextError);
  });
});
