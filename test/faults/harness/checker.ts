import type { LedgerEntry } from './ledger.js';
import type { DlqSighting } from './read-dlq.js';
import type { FailureSighting } from './read-failure-queue.js';

/** Where a record must end: a ledger effect, the consumer's DLQ, or the relay's failure queue. */
export const Outcomes = { effect: 'effect', dlq: 'dlq', failureQueue: 'failure-queue' } as const;
export type Outcome = (typeof Outcomes)[keyof typeof Outcomes];

/** A record the run wrote (an outbox event, or a record a fault put on the topic) and what must become of it. */
export interface Expectation {
  readonly eventId: string;
  readonly aggregateId: string;
  readonly seq: number;
  readonly outcome: Outcome;
  /** The `dlq-reason` or failure-queue reason it must carry, when the scenario knows it. */
  readonly reason?: string;
  /**
   * A record that reuses the id of another expected event with other bytes. It is its own
   * expectation, next to the genuine event's: only a DLQ record with its reason answers it.
   */
  readonly impostor?: boolean;
}

/** How every event of a run ended, in the terms of the guarantee. */
export interface Classification {
  readonly expected: number;
  /** Events with exactly one side effect. */
  readonly effects: number;
  /** Records accounted for by the DLQ, with no side effect. */
  readonly deadLettered: number;
  /** Events the relay sent to its failure queue (counted once per event), with no side effect. */
  readonly failureQueued: number;
  /** Expected, yet neither in the ledger, nor in the DLQ, nor in the failure queue. */
  readonly lost: number;
  /** Side effect ran more than once (the extra runs are counted per event, not in total). */
  readonly duplicated: number;
  /** Seen but never written, or seen in more than one of ledger, DLQ and failure queue. */
  readonly unexpected: number;
  /** Applied after a later event of the same aggregate had already been applied. */
  readonly misordered: number;
  /**
   * Ended elsewhere than expected (ledger, DLQ, failure queue), with another reason than
   * expected, or took effect with another record's payload (the ledger's seq is not its own).
   */
  readonly wrongOutcome: number;
}

export interface Observed {
  readonly ledger: readonly LedgerEntry[];
  readonly dlq: readonly DlqSighting[];
  /** Records the relay sent to its failure queue. */
  readonly failureQueue: readonly FailureSighting[];
}

function reasonsById(sightings: readonly { eventId: string; reason: string }[]): Map<string, Set<string>> {
  const byId = new Map<string, Set<string>>();
  for (const s of sightings) byId.set(s.eventId, (byId.get(s.eventId) ?? new Set()).add(s.reason));
  return byId;
}

/**
 * Classifies every event, as Jepsen's queue checker does for a queue: from what was written
 * (the outbox, injected records) and what happened (ledger effects, DLQ records, failure-queue
 * messages), never from what the pipeline says about itself.
 */
export function classify(expected: readonly Expectation[], observed: Observed): Classification {
  const genuine = expected.filter((e) => !e.impostor);
  const impostors = new Map(expected.filter((e) => e.impostor).map((e) => [e.eventId, e]));
  const known = new Set(expected.map((e) => e.eventId));
  const effects = new Map(observed.ledger.map((l) => [l.eventId, l]));
  // A DLQ record with an impostor's id and reason answers the impostor; any other is the genuine event's.
  const impostorSightings = observed.dlq.filter((d) => impostors.get(d.eventId)?.reason === d.reason);
  const dlq = reasonsById(observed.dlq.filter((d) => !impostorSightings.includes(d)));
  const queued = reasonsById(observed.failureQueue);
  const answeredImpostors = new Set(impostorSightings.map((d) => d.eventId));
  let lost = 0;
  let duplicated = 0;
  let unexpected = 0;
  let effectOnce = 0;
  let deadLettered = 0;
  let failureQueued = 0;
  let wrongOutcome = 0;
  for (const event of genuine) {
    const effect = effects.get(event.eventId);
    const dead = dlq.get(event.eventId);
    const failed = queued.get(event.eventId);
    const places = [effect, dead, failed].filter(Boolean).length;
    if (places === 0) lost++;
    if (places > 1) unexpected++;
    if (effect && effect.applications > 1) duplicated++;
    if (effect?.applications === 1) effectOnce++;
    if (!effect && dead && !failed) deadLettered++;
    if (!effect && failed && !dead) failureQueued++;
    const ended = effect ? Outcomes.effect : dead ? Outcomes.dlq : failed ? Outcomes.failureQueue : undefined;
    const reasons = ended === Outcomes.dlq ? dead : ended === Outcomes.failureQueue ? failed : undefined;
    if (ended !== undefined && ended !== event.outcome) wrongOutcome++;
    else if (event.reason !== undefined && reasons && !reasons.has(event.reason)) wrongOutcome++;
    else if (effect && effect.seq !== event.seq) wrongOutcome++;
  }
  for (const eventId of impostors.keys()) {
    if (answeredImpostors.has(eventId)) deadLettered++;
    else lost++;
  }
  for (const id of new Set([...effects.keys(), ...dlq.keys(), ...queued.keys(), ...answeredImpostors])) {
    if (!known.has(id)) unexpected++;
  }
  return {
    expected: expected.length,
    effects: effectOnce,
    deadLettered,
    failureQueued,
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

/** The guarantee: nothing lost, nothing twice, nothing invented, order kept, DLQ ∪ failure queue ∪ ledger = outbox. */
export function holds(c: Classification): boolean {
  return (
    c.lost === 0 &&
    c.duplicated === 0 &&
    c.unexpected === 0 &&
    c.misordered === 0 &&
    c.wrongOutcome === 0 &&
    c.effects + c.deadLettered + c.failureQueued === c.expected
  );
}
