import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AesGcm } from '../../../../functions/lib/serde/encryption/aes-gcm.js';
import { open, seal } from '../../../../functions/lib/serde/encryption/tink-aes-gcm.js';

const key = fc.uint8Array({ minLength: 32, maxLength: 32 }).map((bytes) => Buffer.from(bytes));
const iv = fc.uint8Array({ minLength: 12, maxLength: 12 }).map((bytes) => Buffer.from(bytes));
/** Lengths on both sides of every boundary: a block, the pooled keystream (48), the hand path (256). */
const plaintext = fc.uint8Array({ maxLength: 600 }).map((bytes) => Buffer.from(bytes));

/** IV ‖ ciphertext ‖ tag by node:crypto (OpenSSL), the reference. */
function nodeSeal(k: Buffer, nonce: Buffer, data: Buffer): Buffer {
  const cipher = createCipheriv('aes-256-gcm', k, nonce);
  return Buffer.concat([nonce, cipher.update(data), cipher.final(), cipher.getAuthTag()]);
}

function nodeOpen(k: Buffer, sealed: Buffer): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', k, sealed.subarray(0, 12));
  decipher.setAuthTag(sealed.subarray(sealed.length - 16));
  return Buffer.concat([decipher.update(sealed.subarray(12, sealed.length - 16)), decipher.final()]);
}

function handSeal(gcm: AesGcm, data: Buffer): Buffer {
  const out = Buffer.alloc(12 + data.length + 16);
  gcm.seal(data, out, 0);
  return out;
}

describe('AesGcm', () => {
  it('matches the AES-256 test cases of the GCM specification (zero key and IV)', () => {
    const gcm = new AesGcm(Buffer.alloc(32));
    const empty = Buffer.concat([Buffer.alloc(12), Buffer.from('530f8afbc74536b9a963b4f1c4cb738b', 'hex')]);
    const oneBlock = Buffer.concat([
      Buffer.alloc(12),
      Buffer.from('cea7403d4d606b6e074ec5d3baf39d18', 'hex'),
      Buffer.from('d0d1c8a799996bf0265b98b5d48ab919', 'hex'),
    ]);

    expect(gcm.open(empty)).toEqual(Buffer.alloc(0));
    expect(gcm.open(oneBlock)).toEqual(Buffer.alloc(16));
  });

  it('writes exactly the bytes node:crypto writes for the IV it drew', () => {
    fc.assert(
      fc.property(key, plaintext, (k, data) => {
        const sealed = handSeal(new AesGcm(k), data);

        expect(sealed).toEqual(nodeSeal(k, sealed.subarray(0, 12), data));
      }),
      { numRuns: 300 },
    );
  });

  it('opens what node:crypto sealed', () => {
    fc.assert(
      fc.property(key, iv, plaintext, (k, nonce, data) => {
        expect(new AesGcm(k).open(nodeSeal(k, nonce, data))).toEqual(data);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses a ciphertext with any one bit flipped, in IV, body or tag', () => {
    fc.assert(
      fc.property(key, iv, plaintext, fc.nat(), (k, nonce, data, at) => {
        const altered = nodeSeal(k, nonce, data);
        const bit = at % (altered.length * 8);
        altered[bit >> 3] = (altered[bit >> 3] as number) ^ (1 << (bit & 7));

        expect(new AesGcm(k).open(altered)).toBeUndefined();
      }),
      { numRuns: 300 },
    );
  });

  it('draws a fresh IV for every seal across many pool refills, each sealing correctly', () => {
    const k = randomBytes(32);
    const gcm = new AesGcm(k);
    const ivs = new Set<string>();
    for (let i = 0; i < 1000; i++) {
      const data = randomBytes(i % 70);
      const sealed = handSeal(gcm, data);
      ivs.add(sealed.subarray(0, 12).toString('hex'));

      expect(nodeOpen(k, sealed)).toEqual(data);
    }

    expect(ivs.size).toBe(1000);
  });

  it('seals at an offset, leaving the bytes before it to the caller', () => {
    const k = randomBytes(32);
    const out = Buffer.alloc(5 + 12 + 3 + 16, 0xaa);
    new AesGcm(k).seal(Buffer.from('abc'), out, 5);

    expect(out.subarray(0, 5)).toEqual(Buffer.alloc(5, 0xaa));
    expect(nodeOpen(k, out.subarray(5)).toString()).toBe('abc');
  });
});

describe('Tink AES-GCM seal and open against node:crypto', () => {
  it('interoperate with node:crypto for fields of every length, short (AesGcm) and long', () => {
    fc.assert(
      fc.property(key, iv, plaintext, (k, nonce, data) => {
        expect(nodeOpen(k, seal(k, data))).toEqual(data);
        expect(open(k, nodeSeal(k, nonce, data))).toEqual(data);
      }),
      { numRuns: 300 },
    );
  });

  it('uses the new key when a key Buffer is overwritten in place', () => {
    const k = randomBytes(32);
    seal(k, Buffer.from('warm the context'));
    randomBytes(32).copy(k);

    expect(nodeOpen(k, seal(k, Buffer.from('after')))).toEqual(Buffer.from('after'));
  });
});
