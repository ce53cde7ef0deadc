import { deflateSync, inflateSync } from 'node:zlib';
import { MalformedRecordError } from '../errors.js';
import type { Compression } from '../types.js';
import type { Frame } from './frame.js';
import { uuidFromBytes, uuidToBytes } from './uuid.js';

export const glueMagic = 0x03;
export const glueHeaderLength = 18;
export const glueCompressionBytes = { none: 0x00, zlib: 0x05 } as const satisfies Record<Compression, number>;

/** `0x03`, compression byte, 16-byte schema-version UUID (most significant long first). */
export function encodeGlueHeader(schemaVersionId: string, compression: Compression): Buffer {
  const header = Buffer.alloc(glueHeaderLength);
  header[0] = glueMagic;
  header[1] = glueCompressionBytes[compression];
  uuidToBytes(schemaVersionId).copy(header, 2);
  return header;
}

export function decodeGlue(bytes: Buffer): Frame {
  if (bytes.length < glueHeaderLength) {
    throw new MalformedRecordError(
      `Glue record of ${bytes.length} bytes is shorter than its 18-byte header (${bytes.toString('hex')})`,
    );
  }
  const compressionByte = bytes[1];
  let compression: Compression;
  if (compressionByte === glueCompressionBytes.none) compression = 'none';
  else if (compressionByte === glueCompressionBytes.zlib) compression = 'zlib';
  else {
    throw new MalformedRecordError(
      `Glue record has unknown compression byte 0x${(compressionByte ?? 0).toString(16).padStart(2, '0')} (expected 0x00 or 0x05)`,
    );
  }
  return { format: 'glue', schemaId: uuidFromBytes(bytes, 2), compression, payloadOffset: glueHeaderLength };
}

/** Glue compresses the payload only, never the header. */
export function compressGluePayload(payload: Uint8Array): Buffer {
  return deflateSync(payload);
}

/** The inflated payload; a corrupt zlib stream is a malformed record, not a crash. */
export function inflateGluePayload(bytes: Buffer, offset: number): Buffer {
  try {
    return inflateSync(bytes.subarray(offset), { maxOutputLength: 64 * 1024 * 1024 });
  } catch (error) {
    throw new MalformedRecordError(
      `Glue record's zlib payload does not inflate: ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
}
