import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  base64Length,
  decodeBase64,
  encodeBase64,
} from '../../../../functions/lib/serde/encryption/base64.js';

const bytes = fc.uint8Array({ maxLength: 200 }).map((array) => Buffer.from(array));

describe('base64', () => {
  it('encodes exactly as Buffer does, at any offset', () => {
    fc.assert(
      fc.property(bytes, fc.nat(7), (data, at) => {
        const out = Buffer.alloc(at + base64Length(data.length));
        const end = encodeBase64(data, 0, data.length, out, at);

        expect(out.toString('latin1', at, end)).toBe(data.toString('base64'));
      }),
      { numRuns: 500 },
    );
  });

  it('decodes what Buffer encodes into the same bytes', () => {
    fc.assert(
      fc.property(bytes, (data) => {
        const text = data.toString('base64');
        const out = Buffer.alloc(text.length);
        const length = decodeBase64(text, out, 0);

        expect(out.subarray(0, length)).toEqual(data);
      }),
      { numRuns: 500 },
    );
  });

  it('declines what is not canonical padded base64, for Buffer to decode leniently', () => {
    const out = Buffer.alloc(16);
    for (const text of [
      'QUJD-_8=',
      'QUJD\nRA==',
      'QUJDRA',
      'QU=D',
      'Q===',
      'QUJD=A==',
      'QUJDé===',
      'QUJDŁ===',
    ]) {
      expect(decodeBase64(text, out, 0)).toBe(-1);
    }
  });
});
