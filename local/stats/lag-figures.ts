/** Where one consumer group stands on one partition. */
export interface PartitionPosition {
  readonly group: string;
  readonly topic: string;
  readonly partition: number;
  /** The group's committed offset: the next record it will read. */
  readonly committed: number;
  /** The partition's end offset (high watermark). */
  readonly end: number;
}

/** A group's lag on one topic, as the CDK dashboard graphs it (OffsetLag, EstimatedMaxTimeLag). */
export interface GroupTopicLag {
  readonly group: string;
  readonly topic: string;
  /** Records between the committed offsets and the ends, summed over the partitions. */
  readonly records: number;
  /**
   * Age in seconds of the oldest record the group has not consumed, the worst partition's;
   * 0 when nothing is behind, null when the record's timestamp is not known.
   */
  readonly seconds: number | null;
}

/** The key a partition's position is looked up by. */
export function positionKey(topic: string, partition: number, offset: number): string {
  return `${topic}/${partition}/${offset}`;
}

/**
 * Sums the records behind per group and topic, and takes the age of the record at the committed
 * offset (the oldest unconsumed one) from `timestampAt`; groups and topics in name order.
 */
export function lagFigures(
  positions: readonly PartitionPosition[],
  timestampAt: (topic: string, partition: number, offset: number) => number | undefined,
  now: number,
): GroupTopicLag[] {
  const byGroupTopic = new Map<
    string,
    { group: string; topic: string; records: number; seconds: number | null }
  >();
  for (const p of positions) {
    const key = `${p.group}\u0000${p.topic}`;
    const figure = byGroupTopic.get(key) ?? { group: p.group, topic: p.topic, records: 0, seconds: 0 };
    byGroupTopic.set(key, figure);
    const behind = Math.max(0, p.end - p.committed);
    figure.records += behind;
    if (behind === 0 || figure.seconds === null) continue;
    const at = timestampAt(p.topic, p.partition, p.committed);
    // One partition whose oldest record is unknown makes the worst age unknown, not smaller.
    figure.seconds = at === undefined ? null : Math.max(figure.seconds, Math.max(0, now - at) / 1000);
  }
  return [...byGroupTopic.values()]
    .sort((a, b) => a.group.localeCompare(b.group) || a.topic.localeCompare(b.topic))
    .map((f) => ({ ...f, seconds: f.seconds === null ? null : Math.round(f.seconds * 10) / 10 }));
}
