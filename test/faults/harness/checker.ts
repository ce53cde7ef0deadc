import type { LedgerEntry } from './ledger.js';
import type { DlqSighting } from './read-dlq.js';
import type { ExpectedEvent } from './write-events.js';

/** How every event of a run ended, in the terms of the guarantee. */
export interface Classification {
  readonly expected: number;
  /** Events with exactly one side effect. */
  readonly effects: number;
  /** Events accounted for by the DLQ (or the relay's parked records), with no side effect. */
  readonly deadLettered: number;
  /** Expected, yet neither in the ledger nor in the DLQ. */
  readonly lost: number;
  /** Side effect ran more than once (the extra runs are counted per event, not in total). */
  readonly duplicated: number;
  /** In the ledger or DLQ but never written (or a DLQ record of an event that also took effect). */
  readonly unexpected: number;
  /** Applied after a later event of the same aggregate had already been applied. */
  readonly misordered: number;
  /** Events that should have taken effect but went to the DLQ. */
  readonly wrongOutcome: number;
}

export interface Observed {
  readonly ledger: readonly LedgerEntry[];
  readonly dlq: readonly DlqSighting[];
  /** Event ids the relay parked in its failure destination. */
  readonly parked: readonly string[];
}

/**
 * Classifies every event, as Jepsen's queue checker does for a queue: from what was written
 * (the outbox) and what happened (ledger effects, DLQ records), never from what the pipeline
 * says about itself.
 */
export function classify(expected: readonly ExpectedEvent[], observed: Observed): Classification {
  const byId = new Map(expected.map((e) => [e.eventId, e]));
  const effects = new Map(observed.ledger.map((l) => [l.eventId, l]));
  const dead = new Set([...observed.dlq.map((d) => d.eventId), ...observed.parked]);
  let lost = 0;
  let duplicated = 0;
  let unexpected = 0;
  let effectOnce = 0;
  let deadLettered = 0;
  let wrongOutcome = 0;
  for (const event of expected) {
    const effect = effects.get(event.eventId);
    const isDead = dead.has(event.eventId);
    if (!effect && !isDead) lost++;
    if (effect && effect.applications > 1) duplicated++;
    if (effect && isDead) unexpected++;
    if (effect?.applications === 1) effectOnce++;
    if (!effect && isDead) deadLettered++;
    if (event.outcome === 'effect' && !effect && isDead) wrongOutcome++;
    if (event.outcome === 'dlq' && effect) wrongOutcome++;
  }
  for (const id of new Set([...effects.keys(), ...dead])) if (!byId.has(id)) unexpected++;
  return {
    expected: expected.length,
    effects: effectOnce,
    deadLettered,
    lost,
    duplicated,
    unexpected,
    misordered: misordered(observed.ledger),
    wrongOutcome,
  };
}

/** Per aggregate, in application order: an event whose seq is below one applied before it. */
function misordered(ledger: readonly LedgerEntry[]): number {
  const byAggregate = new Map<string, LedgerEntry[]>();
  for (const entry of ledger) {
    const list = byAggregate.get(entry.aggregateId) ?? [];
    list.push(entry);
    byAggregate.set(entry.aggregateId, list);
  }
  let count = 0;
  for (const entries of byAggregate.values()) {
    entries.sort((a, b) => a.ordinal - b.ordinal);
    let highest = -1;
    for (const entry of entries) {
      if (entry.seq < highest) count++;
      highest = Math.max(highest, entry.seq);
    }
  }
  return count;
}

/** The guarantee: nothing lost, nothing twice, nothing invented, order kept, DLQ ∪ ledger = outbox. */
export function holds(c: Classification): boolean {
  return (
    c.lost === 0 &&
    c.duplicated === 0 &&
    c.unexpected === 0 &&
    c.misordered === 0 &&
    c.wrongOutcome === 0 &&
    c.effects + c.deadLettered === c.expected
  );
}
