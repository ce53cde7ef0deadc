import { MalformedRecordError } from '../errors.js';

/*
 * Not the `uuid` package's parse/stringify: they accept only RFC 9562 UUIDs (version 1-8,
 * variant 10x), while these 16 bytes are whatever id the registry minted, and a record whose id
 * no registry knows must end as schema-not-found, not as a TypeError. Benchmark B9 measures the
 * cost on the decode path: uuid's stringify takes 1.2-1.4x the time on a batch of new ids and
 * about 3x on a batch of one id (it has no cache like the one below); its parse costs the same.
 */

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The 16 bytes of a UUID as the AWS Java SerDe and Confluent write them: the most significant
 * long first, each long big-endian — which is the canonical string's hex digits in order.
 */
export function uuidToBytes(uuid: string): Buffer {
  if (!uuidPattern.test(uuid)) throw new MalformedRecordError(`not a UUID: "${uuid}"`);
  return Buffer.from(uuid.replaceAll('-', ''), 'hex');
}

// A batch mostly carries one schema version: remembering the last UUID spares the string
// building (five allocations) on every record of a warm Glue batch.
const lastBytes = Buffer.alloc(16);
let lastString = '';

/** The canonical lower-case string of the 16 bytes at `offset`. */
export function uuidFromBytes(bytes: Buffer, offset: number): string {
  if (lastString !== '' && bytes.compare(lastBytes, 0, 16, offset, offset + 16) === 0) return lastString;
  const hex = bytes.toString('hex', offset, offset + 16);
  lastString = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  bytes.copy(lastBytes, 0, offset, offset + 16);
  return lastString;
}
