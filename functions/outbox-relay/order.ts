import type { OutboxRecord } from '../lib/outbox/index.js';

/**
 * The events of one transaction are separate items, and DynamoDB documents stream order
 * per item only: within a shard they follow commit order, but among the items of a single
 * transaction no order is promised. Each transaction's events that share this batch are
 * put back in the order the writer gave (txSeq), on the positions they already occupy, so
 * nothing moves relative to other transactions.
 */
export function restoreTransactionOrder<T extends { readonly outbox?: OutboxRecord }>(
  entries: readonly T[],
): T[] {
  const positions = new Map<string, number[]>();
  entries.forEach((entry, index) => {
    if (!entry.outbox) return;
    const list = positions.get(entry.outbox.txId) ?? [];
    list.push(index);
    positions.set(entry.outbox.txId, list);
  });
  const ordered = [...entries];
  for (const list of positions.values()) {
    if (list.length < 2) continue;
    const sorted = list
      .map((index) => entries[index] as T)
      .sort((a, b) => (a.outbox?.txSeq ?? 0) - (b.outbox?.txSeq ?? 0));
    list.forEach((position, i) => {
      ordered[position] = sorted[i] as T;
    });
  }
  return ordered;
}
