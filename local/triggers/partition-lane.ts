import type { SourceRecord } from './msk-event.js';

/**
 * One partition's fetched records on their way to the function. The trigger's consumer keeps
 * fetching while the function runs, as Lambda's poller does, so records that arrive during an
 * invocation are ready for the next one instead of waiting for a fetch that starts after it.
 * The records of a batch stay at the head of the lane until the batch is done.
 */
export class PartitionLane {
  private records: SourceRecord[] = [];
  private wake?: () => void;
  /** Bumped when the lane is emptied: a batch taken before belongs to a fetch position no longer valid. */
  epoch = 0;
  /** The consumer stopped fetching this partition because the lane is full. */
  paused = false;

  constructor(
    readonly topic: string,
    readonly partition: number,
    /** Records the lane holds before its partition's fetching pauses. */
    private readonly limit: number,
  ) {}

  get size(): number {
    return this.records.length;
  }

  /** Holds `limit` records or more: fetch no more of this partition until the function catches up. */
  get full(): boolean {
    return this.records.length >= this.limit;
  }

  push(records: readonly SourceRecord[]): void {
    for (const record of records) this.records.push(record);
    this.wake?.();
  }

  /** The first `max` records, left in the lane until `done`. */
  head(max: number): readonly SourceRecord[] {
    return this.records.slice(0, max);
  }

  /** The head batch of `count` records is finished. */
  done(count: number): void {
    this.records.splice(0, count);
  }

  /** Drops every record: the consumer will fetch again from the group's committed offset. */
  clear(): void {
    this.records = [];
    this.epoch++;
  }

  /** Resolves once the lane holds a record, or the signal aborts. */
  filled(signal: AbortSignal): Promise<void> {
    if (this.records.length > 0 || signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        signal.removeEventListener('abort', done);
        this.wake = undefined;
        resolve();
      };
      this.wake = done;
      signal.addEventListener('abort', done, { once: true });
    });
  }
}
