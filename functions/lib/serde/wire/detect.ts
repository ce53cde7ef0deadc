import { firstBytesHex, UnknownWireFormatError } from '../errors.js';
import type { RecordHeaders } from '../types.js';
import { decodeConfluentHeader, schemaIdHeader } from './confluent-header.js';
import { confluentV0Magic, decodeConfluentV0 } from './confluent-v0.js';
import { confluentV1Magic, decodeConfluentV1 } from './confluent-v1.js';
import type { Frame } from './frame.js';
import { decodeGlue, glueMagic } from './glue.js';

/**
 * Picks the wire format of a record: a schema-id header wins (the value is then the bare
 * payload), else the first byte decides. Anything else is a non-retryable error that
 * names what was found.
 */
export function detectFrame(bytes: Buffer, headers?: RecordHeaders, isKey = false): Frame {
  if (headers !== undefined) {
    const header = schemaIdHeader(headers, isKey);
    if (header !== undefined) return decodeConfluentHeader(header);
  }
  switch (bytes[0]) {
    case confluentV0Magic:
      return decodeConfluentV0(bytes);
    case confluentV1Magic:
      return decodeConfluentV1(bytes);
    case glueMagic:
      return decodeGlue(bytes);
    default:
      throw new UnknownWireFormatError(
        firstBytesHex(bytes),
        bytes.length,
        bytes.length === 0
          ? 'empty record'
          : `first byte 0x${(bytes[0] as number).toString(16).padStart(2, '0')} is no known magic byte (0x00 Confluent, 0x01 Confluent v1, 0x03 Glue)`,
      );
  }
}
