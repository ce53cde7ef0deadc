import { createHash } from 'node:crypto';

export interface KeySource {
  readonly consumerGroup: string;
  /** The `event-id` header, when the record has one. */
  readonly eventId?: string | undefined;
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
}

/**
 * The idempotency key: consumer group and event id, or topic-partition-offset for a record
 * without an event id (then only a redelivery of the same offset counts as a duplicate).
 */
export function idempotencyKey(source: KeySource): string {
  const id = source.eventId ?? `${source.topic}-${source.partition}-${source.offset}`;
  return `${source.consumerGroup}#${id}`;
}

/** Hex SHA-256 of the payload bytes; a tombstone hashes as the empty payload. */
export function payloadHash(value: Buffer | null): string {
  return createHash('sha256')
    .update(value ?? Buffer.alloc(0))
    .digest('hex');
}
