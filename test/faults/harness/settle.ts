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

/** Whether each group has committed every record of the topic. */
async function caughtUp(topic: string, groups: readonly string[]): Promise<boolean> {
  const high = await highWatermarks(topic);
  const admin = kafka.admin();
  await admin.connect();
  try {
    for (const groupId of groups) {
      const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
      for (const p of committed?.partitions ?? []) {
        const end = high.get(p.partition) ?? 0;
        if (end > 0 && Number(p.offset) < end) return false;
      }
      if ((committed?.partitions ?? []).length === 0 && [...high.values()].some((h) => h > 0)) return false;
    }
    return true;
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
 * Waits until the pipeline is quiet: every expected event has an effect or a DLQ record, the
 * groups have committed the whole topic, and two polls a second apart agree. Returns false once
 * the count of effects and DLQ records has not moved for `stallMs`; the checker then says what
 * is missing.
 */
export async function settle(run: PipelineConfig, options: SettleOptions): Promise<boolean> {
  const stallMs = options.stallMs ?? 180_000;
  let previous = -1;
  let movedAt = Date.now();
  while (Date.now() - movedAt < stallMs) {
    const ledger = (await readLedger(dynamodb, run.ledgerTable)).length;
    const dlq = [...(await highWatermarks(run.dlqTopic)).values()].reduce((a, b) => a + b, 0);
    const seen = ledger + dlq;
    if (seen >= options.expected && seen === previous && (await caughtUp(run.topic, options.groups)))
      return true;
    if (seen !== previous) movedAt = Date.now();
    previous = seen;
    await sleep(1000);
  }
  return false;
}
