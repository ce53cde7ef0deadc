/**
 * The timestamps of the event records the tap has seen, per partition in offset order, so the live
 * view can age a group's oldest unconsumed record without reading the topic again. Offsets every
 * group has consumed are forgotten, which keeps it as small as the lag.
 */
export class RecordClock {
  private readonly partitions = new Map<string, { offsets: number[]; timestamps: number[] }>();

  seen(topic: string, partition: number, offset: number, timestamp: number): void {
    const key = `${topic}/${partition}`;
    const log = this.partitions.get(key) ?? { offsets: [], timestamps: [] };
    this.partitions.set(key, log);
    // A rebalance of the tap may deliver a record again; the log stays in offset order.
    if (log.offsets.length > 0 && offset <= (log.offsets[log.offsets.length - 1] as number)) return;
    log.offsets.push(offset);
    log.timestamps.push(timestamp);
  }

  /**
   * The timestamp of the record at `offset`, or of the first record after it the tap saw
   * (a record the tap never saw, written before it joined, leaves the age unknown).
   */
  timestampAt(topic: string, partition: number, offset: number): number | undefined {
    const log = this.partitions.get(`${topic}/${partition}`);
    if (!log || log.offsets.length === 0 || offset < (log.offsets[0] as number)) return undefined;
    const at = firstAtOrAfter(log.offsets, offset);
    return at < log.offsets.length ? log.timestamps[at] : undefined;
  }

  /** Drops the records before `offset`: every group has consumed them. */
  forgetBefore(topic: string, partition: number, offset: number): void {
    const log = this.partitions.get(`${topic}/${partition}`);
    if (!log) return;
    const at = firstAtOrAfter(log.offsets, offset);
    if (at === 0) return;
    log.offsets.splice(0, at);
    log.timestamps.splice(0, at);
  }
}

function firstAtOrAfter(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((sorted[mid] as number) < value) low = mid + 1;
    else high = mid;
  }
  return low;
}
