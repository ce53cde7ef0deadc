import { RecordClock } from './record-clock.js';

/** One projected event's end-to-end latency and the share of it before Kafka, ms. */
interface LatencySample {
  readonly eventId: string;
  /** The outbox write (the envelope's occurred-at). */
  readonly writtenAt: number;
  /** To the end of the invocation that delivered it. */
  readonly ms: number;
  readonly relayMs: number;
}

export interface Percentiles {
  readonly p50: number | null;
  readonly p99: number | null;
  readonly samples: number;
}

/** Counters the live view and the bounded run's summary read. */
export class PipelineStats {
  readonly startedAt = Date.now();
  /** Events written from this time on count in the latency figures; those before are the warm-up. */
  private measuredFrom: number;
  ordersPlaced = 0;
  eventsWritten = 0;
  poisonInjected = 0;
  readonly poisonByReason = new Map<string, number>();
  /** event id → copies seen on the event topics (more than one is a duplicate the relay sent). */
  readonly relayed = new Map<string, number>();
  /** event id → the topic the relay produced it to. */
  private readonly relayedTo = new Map<string, string>();
  /** DLQ records of this run, by `dlq-reason`. */
  readonly dlqByReason = new Map<string, number>();
  /** function → records delivered in successful invocations (not counting the failed tail). */
  readonly consumed = new Map<string, number>();
  /** `function/event id` → successful deliveries; past the first, the idempotency claim skipped it. */
  private readonly deliveries = new Map<string, number>();
  /** function → deliveries its idempotency claim skipped. */
  readonly duplicates = new Map<string, number>();
  readonly invocations = new Map<string, { ok: number; failed: number; totalMs: number }>();
  readonly discarded = new Map<string, number>();
  /** function → records its groups have not consumed. */
  readonly lag = new Map<string, number>();
  /** function → age in seconds of its groups' oldest unconsumed record; null when the tap never saw it. */
  readonly lagSeconds = new Map<string, number | null>();
  /** Timestamps of the event records the tap saw, for `lagSeconds`. */
  readonly clock = new RecordClock();
  projected = 0;
  pollErrors = 0;
  lastError?: string;
  private readonly samples: LatencySample[] = [];

  /** @param warmupOrders orders placed before the latency figures start (cold handlers, JIT). */
  constructor(readonly warmupOrders = 0) {
    this.measuredFrom = warmupOrders > 0 ? Number.POSITIVE_INFINITY : 0;
  }

  /** The warm-up orders are placed: events written from now on are measured. */
  warmedUp(): void {
    this.measuredFrom = Date.now();
  }

  add(map: Map<string, number>, key: string, n = 1): void {
    map.set(key, (map.get(key) ?? 0) + n);
  }

  /** One copy of a relayed event seen on its topic. */
  relayedOn(topic: string, eventId: string): void {
    this.add(this.relayed, eventId);
    this.relayedTo.set(eventId, topic);
  }

  /**
   * How many (function, relayed event) pairs are still to be delivered: events seen on a topic
   * the function consumes that no successful invocation of it has delivered yet.
   */
  undelivered(consumers: readonly { readonly name: string; readonly topics: readonly string[] }[]): number {
    let missing = 0;
    for (const [eventId, topic] of this.relayedTo) {
      for (const { name, topics } of consumers) {
        if (topics.includes(topic) && !this.deliveries.has(`${name}/${eventId}`)) missing++;
      }
    }
    return missing;
  }

  delivered(functionName: string, eventId: string): void {
    const key = `${functionName}/${eventId}`;
    const seen = this.deliveries.get(key) ?? 0;
    this.deliveries.set(key, seen + 1);
    if (seen > 0) this.add(this.duplicates, functionName);
    this.add(this.consumed, functionName);
  }

  /** One projected event: its end-to-end latency and the share of it before Kafka. */
  latency(sample: LatencySample): void {
    this.samples.push(sample);
  }

  get duplicatesSuppressed(): number {
    let total = 0;
    for (const n of this.duplicates.values()) total += n;
    return total;
  }

  get relayedCount(): number {
    return this.relayed.size;
  }

  get relayedDuplicates(): number {
    let extra = 0;
    for (const copies of this.relayed.values()) extra += copies - 1;
    return extra;
  }

  get dlqCount(): number {
    let total = 0;
    for (const n of this.dlqByReason.values()) total += n;
    return total;
  }

  /**
   * The measured events' latencies to the end of the invocation that delivered them, and their
   * relay legs (outbox write → Kafka), nearest-rank; null percentiles before the first event.
   */
  latencyFigures(): { readonly total: Percentiles; readonly relay: Percentiles } {
    const measured = this.measured();
    return {
      total: percentiles(measured.map((s) => s.ms)),
      relay: percentiles(measured.map((s) => s.relayMs)),
    };
  }

  /** The end-to-end latencies of the warm-up's events. */
  warmup(): Percentiles {
    return percentiles(this.samples.filter((s) => s.writtenAt < this.measuredFrom).map((s) => s.ms));
  }

  /**
   * Outbox write → the moment the projection had applied the event: its completion time in the
   * consumer's idempotency record (`completedAt`, taken once the handler's write returned), by
   * event id. Measured events only; one figure per event, however often it was delivered.
   */
  applied(completedAt: ReadonlyMap<string, number>): Percentiles {
    const ms = new Map<string, number>();
    for (const sample of this.measured()) {
      const done = completedAt.get(sample.eventId);
      if (done !== undefined && !ms.has(sample.eventId)) ms.set(sample.eventId, done - sample.writtenAt);
    }
    return percentiles([...ms.values()]);
  }

  private measured(): LatencySample[] {
    return this.samples.filter((s) => s.writtenAt >= this.measuredFrom);
  }
}

function percentiles(values: readonly number[]): Percentiles {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: nearestRank(sorted, 50), p99: nearestRank(sorted, 99), samples: sorted.length };
}

function nearestRank(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return Math.round(sorted[rank] as number);
}
