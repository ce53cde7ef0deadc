import type { Admin } from 'kafkajs';
import { CliError } from '../cli/run.js';

/** Where `consume` starts: `beginning`, `end`, an offset, or an ISO-8601 instant / epoch millis. */
export type StartAt =
  | { readonly kind: 'beginning' }
  | { readonly kind: 'end' }
  | { readonly kind: 'offset'; readonly offset: number }
  | { readonly kind: 'timestamp'; readonly millis: number };

/**
 * Reads `--from` (or `groups reset --to`): beginning or earliest, end or latest, a number (an offset),
 * or a date (`2026-11-24T12:00:00Z`).
 */
export function parseStartAt(text: string, flag = '--from'): StartAt {
  if (text === 'beginning' || text === 'earliest') return { kind: 'beginning' };
  if (text === 'end' || text === 'latest') return { kind: 'end' };
  if (/^\d+$/.test(text)) return { kind: 'offset', offset: Number(text) };
  // Date.parse alone takes far more than ISO-8601 (`-1` parses as a year), so the shape is checked first.
  const millis = /^\d{4}-\d{2}-\d{2}/.test(text) ? Date.parse(text) : Number.NaN;
  if (Number.isNaN(millis)) {
    throw new CliError(`${flag} ${text}: expected beginning, end, an offset, or an ISO-8601 time`);
  }
  return { kind: 'timestamp', millis };
}

/** One partition's range to read: from `start` up to, not including, the end seen at start-up. */
export interface PartitionRange {
  readonly partition: number;
  readonly start: number;
  readonly end: number;
}

/**
 * The start offset per chosen partition, clamped into the partition's [low, high] so an offset past
 * the end waits for new records and one before the retention start reads from the earliest kept.
 */
export async function partitionRanges(
  admin: Admin,
  topic: string,
  from: StartAt,
  partitions?: readonly number[],
): Promise<PartitionRange[]> {
  const watermarks = await admin.fetchTopicOffsets(topic);
  const known = new Set(watermarks.map((w) => w.partition));
  const unknown = (partitions ?? []).filter((p) => !known.has(p));
  if (unknown.length > 0) {
    throw new CliError(`${topic} has no partition ${unknown.join(', ')} (it has 0..${known.size - 1})`);
  }
  const chosen = watermarks.filter((w) => partitions === undefined || partitions.includes(w.partition));
  const byTime =
    from.kind === 'timestamp'
      ? new Map(
          (await admin.fetchTopicOffsetsByTimestamp(topic, from.millis)).map((p) => [
            p.partition,
            Number(p.offset),
          ]),
        )
      : undefined;
  function wanted(partition: number, low: number, high: number): number {
    switch (from.kind) {
      case 'beginning':
        return low;
      case 'end':
        return high;
      case 'offset':
        return from.offset;
      case 'timestamp': {
        // No record at or after the time: Kafka answers -1, which means the end.
        const offset = byTime?.get(partition) ?? -1;
        return offset < 0 ? high : offset;
      }
    }
  }
  return chosen
    .map((w) => {
      const low = Number(w.low);
      const high = Number(w.high);
      const start = Math.min(Math.max(wanted(w.partition, low, high), low), high);
      return { partition: w.partition, start, end: high };
    })
    .sort((a, b) => a.partition - b.partition);
}
