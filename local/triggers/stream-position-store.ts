/**
 * Where a stream trigger keeps how far it got in each shard, as an event source mapping keeps
 * its position across function updates and poller restarts: a restarted trigger resumes after
 * the last record it finished instead of at its starting position.
 */
export interface StreamPositionStore {
  /** The last finished sequence number per shard id; empty for a mapping that never ran. */
  load(): Promise<ReadonlyMap<string, string>>;
  /** Every record of the shard up to and including this sequence number is done. */
  save(shardId: string, sequenceNumber: string): Promise<void>;
}
