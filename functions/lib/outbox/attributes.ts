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
} as const;
