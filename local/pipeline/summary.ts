import type { PiiFigures } from './pii-scan.js';
import type { Percentiles, PipelineStats } from './stats.js';

export interface RunSummary {
  readonly ok: boolean;
  readonly orders: number;
  readonly written: number;
  readonly relayed: number;
  readonly relayedDuplicates: number;
  readonly consumed: Record<string, number>;
  readonly projected: number;
  readonly duplicatesSuppressed: Record<string, number>;
  readonly poisonInjected: number;
  readonly dlq: Record<string, number>;
  readonly lost: number;
  readonly orderViolations: number;
  /** PII in clear on the wire and in the outbox stream (must be 0), and read in clear by fulfilment. */
  readonly pii: PiiFigures;
  readonly latencyMs: {
    /** Outbox write → the projection's invocation returned (what the live view shows). */
    readonly p50: number | null;
    readonly p99: number | null;
    readonly samples: number;
    /**
     * Bounded runs: outbox write → the projection had applied the event (its idempotency
     * record's completion time), so not counting the rest of the batch the invocation went on with.
     */
    readonly applied?: Percentiles;
    /** The relay leg: outbox write → Kafka record timestamp. The rest is the consumer leg. */
    readonly relay: { readonly p50: number | null; readonly p99: number | null };
    /** With `--warmup N`: the first N orders' events, left out of the figures above. */
    readonly warmup?: Percentiles & { readonly orders: number };
  };
  readonly pollIntervals: { readonly streamPollMs: number; readonly batchingWindowMs: number };
  /** Local settings that differ from the template on purpose (see LocalTriggerSettings). */
  readonly localSettings: {
    readonly streamPollMs: number;
    readonly batchingWindowMs: number;
    readonly kafkaStartingPosition: string;
  };
  /** Per function: the staged bundle it ran, the TypeScript it was built from, and its template. */
  readonly functions: Record<string, FunctionSummary>;
  readonly durationSeconds: number;
  readonly error?: string;
}

export interface FunctionSummary {
  readonly code: string;
  readonly source?: string;
  readonly template: string;
  readonly logicalId: string;
}

/**
 * The bounded run's verdict: one JSON line. `lost` counts orders not projected and poison records
 * not in a DLQ; PII in clear on the wire or in the outbox stream fails the run too.
 */
export function summarize(
  stats: PipelineStats,
  extra: {
    readonly orders: number;
    readonly orderViolations: number;
    readonly streamPollMs: number;
    readonly batchingWindowMs: number;
    readonly kafkaStartingPosition: string;
    readonly functions: Record<string, FunctionSummary>;
    readonly pii: PiiFigures;
    readonly applied?: Percentiles;
    readonly error?: string;
  },
): RunSummary {
  const { total, relay } = stats.latencyFigures();
  const lost =
    Math.max(0, extra.orders - stats.projected) + Math.max(0, stats.poisonInjected - stats.dlqCount);
  return {
    ok:
      lost === 0 &&
      extra.orderViolations === 0 &&
      extra.pii.plaintextInKafka + extra.pii.plaintextInOutboxStream === 0 &&
      extra.error === undefined,
    orders: extra.orders,
    written: stats.eventsWritten,
    relayed: stats.relayedCount,
    relayedDuplicates: stats.relayedDuplicates,
    consumed: Object.fromEntries(stats.consumed),
    projected: stats.projected,
    duplicatesSuppressed: Object.fromEntries(stats.duplicates),
    poisonInjected: stats.poisonInjected,
    dlq: Object.fromEntries(stats.dlqByReason),
    lost,
    orderViolations: extra.orderViolations,
    pii: extra.pii,
    latencyMs: {
      p50: total.p50,
      p99: total.p99,
      samples: total.samples,
      ...(extra.applied ? { applied: extra.applied } : {}),
      relay: { p50: relay.p50, p99: relay.p99 },
      ...(stats.warmupOrders > 0 ? { warmup: { orders: stats.warmupOrders, ...stats.warmup() } } : {}),
    },
    pollIntervals: { streamPollMs: extra.streamPollMs, batchingWindowMs: extra.batchingWindowMs },
    localSettings: {
      streamPollMs: extra.streamPollMs,
      batchingWindowMs: extra.batchingWindowMs,
      kafkaStartingPosition: extra.kafkaStartingPosition,
    },
    functions: extra.functions,
    durationSeconds: Math.round((Date.now() - stats.startedAt) / 100) / 10,
    ...(extra.error ? { error: extra.error } : {}),
  };
}
