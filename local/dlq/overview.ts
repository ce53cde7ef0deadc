import { type ConsumedDlqRecord, NotADlqRecordError, parseDlqRecord } from '../../functions/lib/dlq/index.js';

/** Counts of one DLQ topic: per consumer group, per reason within the group. */
export interface DlqTopicOverview {
  readonly dlqTopic: string;
  readonly records: number;
  /** group -> reason -> count. */
  readonly groups: Readonly<Record<string, Readonly<Record<string, number>>>>;
  /** Records without the DLQ headers (written by something other than the consumer middleware). */
  readonly foreign: number;
}

/**
 * Counts the records of each DLQ topic by the group that dead-lettered them and by reason; with
 * `group`, only that group's records count. Topics with nothing left to count are still listed.
 */
export function dlqOverview(
  topics: readonly string[],
  records: readonly ConsumedDlqRecord[],
  group?: string,
): DlqTopicOverview[] {
  const byTopic = new Map(
    topics.map((t) => [t, { records: 0, foreign: 0, groups: new Map<string, Map<string, number>>() }]),
  );
  for (const record of records) {
    const counts = byTopic.get(record.dlqTopic);
    if (!counts) continue;
    let entry: ReturnType<typeof parseDlqRecord>;
    try {
      entry = parseDlqRecord(record);
    } catch (error) {
      if (!(error instanceof NotADlqRecordError)) throw error;
      // A foreign record names no group, so a group filter leaves it out.
      if (group === undefined) {
        counts.foreign += 1;
        counts.records += 1;
      }
      continue;
    }
    if (group !== undefined && entry.consumerGroup !== group) continue;
    const reasons = counts.groups.get(entry.consumerGroup) ?? new Map<string, number>();
    reasons.set(entry.reason, (reasons.get(entry.reason) ?? 0) + 1);
    counts.groups.set(entry.consumerGroup, reasons);
    counts.records += 1;
  }
  return [...byTopic]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([dlqTopic, counts]) => ({
      dlqTopic,
      records: counts.records,
      foreign: counts.foreign,
      groups: Object.fromEntries(
        [...counts.groups]
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([g, reasons]) => [
            g,
            Object.fromEntries([...reasons].sort(([a], [b]) => a.localeCompare(b))),
          ]),
      ),
    }));
}

/** The overview as text: a line per topic, then a line per group with its count per reason. */
export function formatOverview(overview: readonly DlqTopicOverview[]): string {
  const lines: string[] = [];
  for (const topic of overview) {
    lines.push(`${topic.dlqTopic}  records ${topic.records}`);
    for (const [group, reasons] of Object.entries(topic.groups)) {
      const total = Object.values(reasons).reduce((sum, n) => sum + n, 0);
      const perReason = Object.entries(reasons).map(([reason, n]) => `${reason} ${n}`);
      lines.push(`  group ${group}  ${total}  (${perReason.join(', ')})`);
    }
    if (topic.foreign > 0) lines.push(`  without DLQ headers  ${topic.foreign}`);
  }
  const total = overview.reduce((sum, t) => sum + t.records, 0);
  lines.push(`${overview.length} DLQ topic(s), ${total} record(s)`);
  return `${lines.join('\n')}\n`;
}
