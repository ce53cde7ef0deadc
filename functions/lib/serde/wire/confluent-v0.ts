import { MalformedRecordError } from '../errors.js';
import type { Frame } from './frame.js';

export const confluentV0Magic = 0x00;
export const confluentV0HeaderLength = 5;

/** `0x00`, int32 big-endian schema id. */
export function encodeConfluentV0Header(schemaId: number): Buffer {
  if (!Number.isInteger(schemaId) || schemaId < 0 || schemaId > 0x7fffffff) {
    throw new MalformedRecordError(`Confluent schema id must be a non-negative int32, got ${schemaId}`);
  }
  const header = Buffer.alloc(confluentV0HeaderLength);
  header[0] = confluentV0Magic;
  header.writeInt32BE(schemaId, 1);
  return header;
}

export function decodeConfluentV0(bytes: Buffer): Frame {
  if (bytes.length < confluentV0HeaderLength) {
    throw new MalformedRecordError(
      `Confluent record of ${bytes.length} bytes is shorter than its 5-byte header (${bytes.toString('hex')})`,
    );
  }
  return {
    format: 'confluent',
    schemaId: bytes.readInt32BE(1),
    compression: 'none',
    payloadOffset: confluentV0HeaderLength,
  };
}
