import type { OutboxRecord } from '../../functions/lib/outbox/index.js';
import type { SpanLine } from '../../functions/lib/tracing/index.js';
import type { FoundRecord } from './topic-scan.js';

/** The steps of an event's journey, in the order they normally happen. */
export const HopKinds = {
  outboxWrite: 'outbox-write',
  relayProduce: 'relay-produce',
  consumerProcess: 'consumer-process',
  consumerCompleted: 'consumer-completed',
  deadLettered: 'dead-lettered',
} as const;
export type HopKind = (typeof HopKinds)[keyof typeof HopKinds];

/** What became of the event in one consumer group. */
export const ConsumerOutcomes = {
  completed: 'completed',
  deadLettered: 'dead-lettered',
  /** Its last attempt failed and nothing settled it yet: Lambda delivers the record again. */
  pendingRetry: 'pending-retry',
  /** Claimed, not completed: being processed now, or its lease is running out. */
  inProgress: 'in-progress',
  /** Processed without an idempotency store to record it. */
  processed: 'processed',
} as const;
export type ConsumerOutcome = (typeof ConsumerOutcomes)[keyof typeof ConsumerOutcomes];

export interface Hop {
  readonly kind: HopKind;
  /** ISO-8601 start of the step. */
  readonly at: string;
  readonly durationMs?: number;
  readonly consumerGroup?: string;
  readonly topic?: string;
  readonly partition?: number;
  readonly offset?: number;
  readonly failed?: boolean;
  /** DLQ reason, or the error of a failed step. */
  readonly reason?: string;
  readonly message?: string;
}

export interface ConsumerSummary {
  readonly consumerGroup: string;
  readonly outcome: ConsumerOutcome;
  readonly attempts: number;
}

/** One event from its outbox write to every consumer group, and the events it caused. */
export interface Journey {
  readonly eventId: string;
  readonly eventType?: string;
  readonly topic?: string;
  readonly aggregateId?: string;
  readonly traceId?: string;
  readonly hops: readonly Hop[];
  readonly consumers: readonly ConsumerSummary[];
  readonly followUps: readonly Journey[];
  /** What the journey may lack: the topics were read up to the end of the window, and no further. */
  readonly notes?: readonly string[];
}

/** Where a record of the journey is, known from a span (a consumer's process span gives it). */
export interface RecordPosition {
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
}

/** The part of the topics a journey reads, besides `since`. */
export interface RecordWindow {
  /** Epoch milliseconds: no record stamped at or after it is read. @default the topics' current end */
  readonly until?: number;
  /** On the topics named here, just these offsets are read: every record sought there is at one of them. */
  readonly positions?: readonly RecordPosition[];
}

/** An idempotency claim of the event by one consumer group. */
export interface ClaimItem {
  readonly consumerGroup: string;
  readonly status: string;
  /** Epoch milliseconds. */
  readonly completedAt?: number;
}

/** Where the journey is read from; the CLI backs these with the local stack. */
export interface TraceLookups {
  outboxItem(eventId: string): Promise<OutboxRecord | undefined>;
  /** Outbox items that carry this exact traceparent (follow-ups when no span was exported). */
  outboxItemsWithTraceparent(traceparent: string): Promise<OutboxRecord[]>;
  claims(eventId: string): Promise<ClaimItem[]>;
  /**
   * Records of these topics whose `event-id` header is one of the ids; none stamped before
   * `since` (epoch milliseconds) is one of them, so the topics may be read from there, up to
   * the window's end, or only at its positions.
   */
  records(
    topics: readonly string[],
    eventIds: ReadonlySet<string>,
    since?: number,
    window?: RecordWindow,
  ): Promise<FoundRecord[]>;
  readonly spans: readonly SpanLine[];
  /** Where an unknown event id was looked for, and what to check. @default the local stack's */
  readonly notFound?: { readonly where: string; readonly hint: string };
}
