// Kept apart from item.ts, which marshals with the AWS SDK, so that infra/ can name the table's
// keys at synth without loading the SDK.

/**
 * Attribute names of an outbox item. The partition key is the aggregate (type and id):
 * it spreads writes over as many partitions as there are aggregates, while one
 * aggregate's items share a partition and so a stream shard, where records keep the
 * order of their commits. The sort key is the UUIDv7 event id: unique, and time-ordered.
 */
export const OutboxAttributes = {
  partitionKey: 'pk',
  sortKey: 'sk',
  ttl: 'expiresAt',
  /** The W3C trace context the writer stamps; absent when tracing is off and the caller gave none. */
  traceparent: 'traceparent',
} as const;

/**
 * The outbox's global secondary indexes, both KEYS_ONLY, read by `eventline trace`: the table is
 * keyed by aggregate, so without them an event is found by id only with a scan of the table.
 */
export const OutboxIndexes = {
  /** Partition key: the event id (the table's sort key). One entry per item. */
  byEventId: 'by-event-id',
  /** Partition key: `traceparent`. Sparse: an item without one has no entry. */
  byTraceparent: 'by-traceparent',
} as const;
export type OutboxIndex = (typeof OutboxIndexes)[keyof typeof OutboxIndexes];
