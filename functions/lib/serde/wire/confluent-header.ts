import { MalformedRecordError } from '../errors.js';
import type { RecordHeaders } from '../types.js';
import type { Frame } from './frame.js';
import { uuidFromBytes } from './uuid.js';

export const keySchemaIdHeader = '__key_schema_id';
export const valueSchemaIdHeader = '__value_schema_id';

/** The schema-id header of a record, if it has one (key or value side). */
export function schemaIdHeader(headers: RecordHeaders | undefined, isKey: boolean): Buffer | undefined {
  const raw = headers?.[isKey ? keySchemaIdHeader : valueSchemaIdHeader];
  if (raw === undefined) return undefined;
  // kafkajs hands header values over as Buffers; a string header is taken as its bytes.
  return typeof raw === 'string' ? Buffer.from(raw, 'latin1') : raw;
}

/**
 * Schema id carried in a record header instead of a payload prefix: the header is `0x01` +
 * 16-byte GUID (or `0x00` + int32 id), followed by the Protobuf message indexes when the
 * schema is Protobuf; the record value is the bare payload.
 */
export function decodeConfluentHeader(header: Buffer): Frame {
  const magic = header[0];
  if (magic === 0x01 && header.length >= 17) {
    return {
      format: 'confluent-header',
      schemaId: uuidFromBytes(header, 1),
      compression: 'none',
      payloadOffset: 0,
      headerIndexes: header.subarray(17),
    };
  }
  if (magic === 0x00 && header.length >= 5) {
    return {
      format: 'confluent-header',
      schemaId: header.readInt32BE(1),
      compression: 'none',
      payloadOffset: 0,
      headerIndexes: header.subarray(5),
    };
  }
  throw new MalformedRecordError(
    `schema-id header of ${header.length} bytes is neither 0x01+GUID nor 0x00+int32 (${header.toString('hex', 0, 8)})`,
  );
}
