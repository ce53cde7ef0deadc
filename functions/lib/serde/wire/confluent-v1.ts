import { MalformedRecordError } from '../errors.js';
import type { Frame } from './frame.js';
import { uuidFromBytes } from './uuid.js';

export const confluentV1Magic = 0x01;
export const confluentV1HeaderLength = 17;

/** `0x01`, 16-byte schema GUID (decode only: Eventline writes v0 or Glue). */
export function decodeConfluentV1(bytes: Buffer): Frame {
  if (bytes.length < confluentV1HeaderLength) {
    throw new MalformedRecordError(
      `Confluent v1 record of ${bytes.length} bytes is shorter than its 17-byte header`,
    );
  }
  return {
    format: 'confluent-v1',
    schemaId: uuidFromBytes(bytes, 1),
    compression: 'none',
    payloadOffset: confluentV1HeaderLength,
  };
}
