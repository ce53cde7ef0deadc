import { describe, expect, it } from 'vitest';
import { decodeConfluentHeader } from '../../../functions/lib/serde/wire/confluent-header.js';
import {
  decodeConfluentV0,
  encodeConfluentV0Header,
} from '../../../functions/lib/serde/wire/confluent-v0.js';
import { decodeConfluentV1 } from '../../../functions/lib/serde/wire/confluent-v1.js';
import { detectFrame } from '../../../functions/lib/serde/wire/detect.js';
import { decodeGlue, encodeGlueHeader } from '../../../functions/lib/serde/wire/glue.js';

const uuid = '0123abcd-4567-4890-8bcd-ef0123456789';

describe('Wire formats', () => {
  it('writes Confluent v0 as 0x00 and a big-endian int32 id, and reads it back', () => {
    const header = encodeConfluentV0Header(258);

    expect(header.toString('hex')).toBe('0000000102');
    expect(decodeConfluentV0(Buffer.concat([header, Buffer.from([7])]))).toEqual({
      format: 'confluent',
      schemaId: 258,
      compression: 'none',
      payloadOffset: 5,
    });
  });

  it('reads a Confluent v1 GUID in byte order', () => {
    const bytes = Buffer.from(`01${uuid.replaceAll('-', '')}aa`, 'hex');

    expect(decodeConfluentV1(bytes)).toMatchObject({
      format: 'confluent-v1',
      schemaId: uuid,
      payloadOffset: 17,
    });
  });

  it('writes Glue as 0x03, the compression byte and the UUID most significant long first', () => {
    const header = encodeGlueHeader(uuid, 'zlib');

    expect(header.toString('hex')).toBe(`0305${uuid.replaceAll('-', '')}`);
    expect(decodeGlue(Buffer.concat([header, Buffer.from([1])]))).toEqual({
      format: 'glue',
      schemaId: uuid,
      compression: 'zlib',
      payloadOffset: 18,
    });
    expect(decodeGlue(Buffer.concat([encodeGlueHeader(uuid, 'none'), Buffer.from([1])])).compression).toBe(
      'none',
    );
  });

  it('rejects a Glue compression byte other than none or zlib', () => {
    const bytes = Buffer.concat([encodeGlueHeader(uuid, 'none'), Buffer.from([1])]);
    bytes[1] = 0x02;

    expect(() => decodeGlue(bytes)).toThrow(/unknown compression byte 0x02/);
  });

  it('takes the schema id from the __value_schema_id header, GUID or int form', () => {
    const guid = Buffer.from(`01${uuid.replaceAll('-', '')}00`, 'hex');

    expect(decodeConfluentHeader(guid)).toMatchObject({ schemaId: uuid, payloadOffset: 0 });
    expect(decodeConfluentHeader(guid).headerIndexes?.toString('hex')).toBe('00');
    expect(decodeConfluentHeader(Buffer.from('0000000009', 'hex')).schemaId).toBe(9);
  });

  it('prefers the key or value schema-id header over the first byte', () => {
    const payload = Buffer.from([0x02, 0x04]);
    const headers = {
      __key_schema_id: Buffer.from('0000000001', 'hex'),
      __value_schema_id: Buffer.from('0000000002', 'hex'),
    };

    expect(detectFrame(payload, headers)).toMatchObject({ format: 'confluent-header', schemaId: 2 });
    expect(detectFrame(payload, headers, true)).toMatchObject({ format: 'confluent-header', schemaId: 1 });
  });

  it('names the first bytes and the length of bytes in no known format', () => {
    const error = (() => {
      try {
        detectFrame(Buffer.from('7b226964223a317d', 'hex'));
      } catch (e) {
        return e;
      }
    })();

    expect(error).toMatchObject({ name: 'UnknownWireFormatError', retryable: false, length: 8 });
    expect((error as Error).message).toMatch(/8 bytes starting 7b226964223a317d: first byte 0x7b/);
  });

  it('rejects empty and truncated records with typed errors', () => {
    expect(() => detectFrame(Buffer.alloc(0))).toThrow(/empty record/);
    expect(() => detectFrame(Buffer.from([0, 0, 1]))).toThrow(/shorter than its 5-byte header/);
    expect(() => detectFrame(Buffer.from([3, 0, 1]))).toThrow(/shorter than its 18-byte header/);
    expect(() => detectFrame(Buffer.from([1, 2]))).toThrow(/shorter than its 17-byte header/);
  });
});
