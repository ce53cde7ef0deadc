import { setTimeout as sleep } from 'node:timers/promises';
import type { PipelineConfig } from './config.js';
import { readLedger } from './ledger.js';
import { dynamodb, kafka } from './resources.js';

async function highWatermarks(topic: string): Promise<Map<number, number>> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return new Map((await admin.fetchTopicOffsets(topic)).map((o) => [o.partition, Number(o.high)]));
  } finally {
    await admin.disconnect();
  }
}

/** Records of the topic the groups have yet to commit, summed over groups (0: all caught up). */
async function lag(topic: string, groups: readonly string[]): Promise<number> {
  const high = await highWatermarks(topic);
  const admin = kafka.admin();
  await admin.connect();
  try {
    let behind = 0;
    for (const groupId of groups) {
      const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
      const offsets = new Map((committed?.partitions ?? []).map((p) => [p.partition, Number(p.offset)]));
      // A partition without a commit (offset -1 or absent) is behind by everything in it.
      for (const [partition, end] of high) behind += end - Math.max(0, offsets.get(partition) ?? 0);
    }
    return behind;
  } finally {
    await admin.disconnect();
  }
}

export interface SettleOptions {
  /** Events that must each be in the ledger or the DLQ. */
  readonly expected: number;
  /** Consumer groups that must have committed the whole topic. */
  readonly groups: readonly string[];
  /** Gives up once nothing has moved for this long (a large N takes long, but never stalls). @default 180_000 */
  readonly stallMs?: number;
}

/**
 * Waits until the pipeline is quiet: the groups have committed the whole topic, every expected
 * event has an effect or a DLQ record, and two polls a second apart agree. The ledger is only
 * scanned once the groups caught up (a scan of N items every second would slow the run it
 * watches). Returns false once neither the lag nor the count of effects and DLQ records has
 * moved for `stallMs`; the checker then says what is missing.
 */
export async function settle(run: PipelineConfig, options: SettleOptions): Promise<boolean> {
  const stallMs = options.stallMs ?? 180_000;
  let previousBehind = -1;
  let previousSeen = -1;
  let movedAt = Date.now();
  while (Date.now() - movedAt < stallMs) {
    const behind = await lag(run.topic, options.groups);
    let seen = -1;
    if (behind === 0) {
      const ledger = (await readLedger(dynamodb, run.ledgerTable)).length;
      const dlq = [...(await highWatermarks(run.dlqTopic)).values()].reduce((a, b) => a + b, 0);
      seen = ledger + dlq;
      if (seen >= options.expected && seen === previousSeen) return true;
    }
    if (behind !== previousBehind || seen !== previousSeen) movedAt = Date.now();
    previousBehind = behind;
    previousSeen = seen;
    await sleep(1000);
  }
  return false;
}
