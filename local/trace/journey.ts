import { SpanStatusCode } from '@opentelemetry/api';
import { DlqHeaders, dlqTopicOf } from '../../functions/lib/dlq/index.js';
import { EnvelopeHeaders } from '../../functions/lib/envelope/index.js';
import type { OutboxRecord } from '../../functions/lib/outbox/index.js';
import { type SpanLine, SpanNames, spanContextOf } from '../../functions/lib/tracing/index.js';
import { EventNotFoundError } from './errors.js';
import { consumerSummaries } from './outcomes.js';
import type { FoundRecord } from './topic-scan.js';
import {
  type ClaimItem,
  ConsumerOutcomes,
  type Hop,
  type HopKind,
  HopKinds,
  type Journey,
  type RecordPosition,
  type TraceLookups,
} from './types.js';

/** Follow-up events deeper than this are cut: a cycle of handlers must not hang the command. */
const MAX_DEPTH = 8;

/** How far the relay's clock may lag the writer's: records are read from this long before the first write. */
const CLOCK_MARGIN_MS = 5 * 60_000;

/** How long after the journey's last outbox write its records are looked for, by default. */
export const DEFAULT_WINDOW_MS = 60 * 60_000;

export interface FollowOptions {
  /**
   * How long after the journey's last outbox write its records are looked for: the relay's
   * produce, and DLQ records, which come after a consumer's retries. The journey notes what the
   * window may have cut off. @default DEFAULT_WINDOW_MS (one hour)
   */
  readonly windowMs?: number;
  /** @default Date.now */
  readonly now?: () => number;
}

const localNotFound = {
  where: 'the outbox table or the span file',
  hint: 'check --prefix, and that the pipeline ran with it',
} as const;

interface Partial {
  readonly eventId: string;
  readonly outbox?: OutboxRecord;
  readonly traceId?: string;
  readonly hops: Hop[];
  readonly claims: ClaimItem[];
  readonly followUps: Partial[];
}

/**
 * The journey of one event: the outbox and spans say what was written, processed and caused;
 * one scan of the topics and their DLQs (for every event of the journey at once) says where
 * the relay put it and which groups dead-lettered it.
 */
export async function followEvent(
  eventId: string,
  lookups: TraceLookups,
  options: FollowOptions = {},
): Promise<Journey> {
  const { windowMs = DEFAULT_WINDOW_MS, now = Date.now } = options;
  const root = await collect(eventId, lookups, 0, new Set());
  if (!root.outbox && root.hops.length === 0) {
    const { where, hint } = lookups.notFound ?? localNotFound;
    throw new EventNotFoundError(eventId, where, hint);
  }
  const all = flatten(root);
  const topics = new Set<string>();
  for (const p of all) {
    if (p.outbox) topics.add(p.outbox.topic).add(dlqTopicOf(p.outbox.topic));
  }
  const last = latest(all);
  const until = last === undefined ? undefined : last + windowMs;
  const records = await lookups.records([...topics], new Set(all.map((p) => p.eventId)), earliest(all), {
    ...(until !== undefined ? { until } : {}),
    positions: knownPositions(all),
  });
  // A window that ends in the future read every record there is: nothing can be missing.
  return finish(root, records, until !== undefined && until < now() ? until : undefined);
}

async function collect(
  eventId: string,
  lookups: TraceLookups,
  depth: number,
  seen: Set<string>,
): Promise<Partial> {
  seen.add(eventId);
  const [outbox, claims] = await Promise.all([lookups.outboxItem(eventId), lookups.claims(eventId)]);
  const ofEvent = lookups.spans.filter((s) => s.attributes['eventline.event_id'] === eventId);
  const create = ofEvent.find((s) => s.name.startsWith(SpanNames.outboxWrite));
  const hops: Hop[] = [];
  if (create) hops.push(spanHop(HopKinds.outboxWrite, create));
  else if (outbox) hops.push({ kind: HopKinds.outboxWrite, at: outbox.occurredAt });
  for (const relay of ofEvent.filter((s) => s.name.startsWith(SpanNames.relay))) {
    hops.push(spanHop(HopKinds.relayProduce, relay));
  }

  // Consumers parent their span on the traceparent the event carries (the create span's context).
  const carried =
    spanContextOf(outbox?.traceparent) ??
    (create ? { traceId: create.traceId, spanId: create.spanId } : undefined);
  const processes = carried
    ? lookups.spans.filter(
        (s) =>
          s.name.startsWith(SpanNames.consume) &&
          s.traceId === carried.traceId &&
          s.parentSpanId === carried.spanId,
      )
    : [];
  for (const process of processes) hops.push(spanHop(HopKinds.consumerProcess, process));
  for (const claim of claims) {
    if (claim.completedAt !== undefined) {
      hops.push({
        kind: HopKinds.consumerCompleted,
        at: new Date(claim.completedAt).toISOString(),
        consumerGroup: claim.consumerGroup,
      });
    }
  }

  const causedIds = new Set<string>();
  const processIds = new Set(processes.map((s) => s.spanId));
  for (const span of lookups.spans) {
    const caused = span.attributes['eventline.event_id'];
    if (
      span.name.startsWith(SpanNames.outboxWrite) &&
      span.parentSpanId !== undefined &&
      processIds.has(span.parentSpanId) &&
      typeof caused === 'string'
    ) {
      causedIds.add(caused);
    }
  }
  // Without exported spans a consumer hands the incoming traceparent on unchanged.
  if (outbox?.traceparent && processes.length === 0) {
    for (const item of await lookups.outboxItemsWithTraceparent(outbox.traceparent)) {
      if (item.txId !== outbox.txId) causedIds.add(item.eventId);
    }
  }
  const followUps: Partial[] = [];
  if (depth < MAX_DEPTH) {
    for (const caused of causedIds) {
      if (!seen.has(caused)) followUps.push(await collect(caused, lookups, depth + 1, seen));
    }
  }
  const traceId = carried?.traceId ?? create?.traceId;
  return {
    eventId,
    ...(outbox ? { outbox } : {}),
    ...(traceId ? { traceId } : {}),
    hops,
    claims,
    followUps,
  };
}

function finish(partial: Partial, records: readonly FoundRecord[], windowEnd?: number): Journey {
  const hops = [...partial.hops];
  const mine = records.filter((r) => r.headers[EnvelopeHeaders.eventId] === partial.eventId);
  for (const record of mine) {
    const reason = record.headers[DlqHeaders.reason];
    if (reason === undefined) {
      // The produce itself, when no relay span was exported: where the record landed.
      const relayed = hops.find((h) => h.kind === HopKinds.relayProduce && h.partition === undefined);
      const position = { topic: record.topic, partition: record.partition, offset: record.offset };
      if (relayed) hops[hops.indexOf(relayed)] = { ...relayed, ...position };
      else
        hops.push({ kind: HopKinds.relayProduce, at: new Date(record.timestamp).toISOString(), ...position });
      continue;
    }
    const group = record.headers[DlqHeaders.consumerGroup];
    const message = record.headers[DlqHeaders.errorMessage];
    hops.push({
      kind: HopKinds.deadLettered,
      at: record.headers[DlqHeaders.failedAt] ?? new Date(record.timestamp).toISOString(),
      topic: record.topic,
      partition: record.partition,
      offset: record.offset,
      reason,
      ...(group ? { consumerGroup: group } : {}),
      ...(message ? { message } : {}),
    });
  }
  hops.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const { outbox } = partial;
  const consumers = consumerSummaries(hops, partial.claims);
  const notes = windowEnd === undefined ? [] : windowNotes(partial, hops, consumers, windowEnd);
  return {
    eventId: partial.eventId,
    ...(outbox ? { eventType: outbox.eventType, topic: outbox.topic, aggregateId: outbox.aggregateId } : {}),
    ...(partial.traceId ? { traceId: partial.traceId } : {}),
    hops,
    consumers,
    followUps: partial.followUps.map((f) => finish(f, records, windowEnd)),
    ...(notes.length > 0 ? { notes } : {}),
  };
}

/** What a window that ended before now may have left out of this event's journey. */
function windowNotes(
  partial: Partial,
  hops: readonly Hop[],
  consumers: Journey['consumers'],
  windowEnd: number,
): string[] {
  const end = new Date(windowEnd).toISOString();
  const notes: string[] = [];
  const { outbox } = partial;
  if (outbox && !hops.some((h) => h.kind === HopKinds.relayProduce && h.offset !== undefined)) {
    notes.push(
      `no record of it on ${outbox.topic} up to ${end}, the end of the window: a later produce is not shown; widen --window`,
    );
  }
  for (const { consumerGroup, outcome } of consumers) {
    if (outcome === ConsumerOutcomes.pendingRetry || outcome === ConsumerOutcomes.inProgress) {
      notes.push(
        `group ${consumerGroup} is ${outcome} and the DLQ was read up to ${end}, the end of the window: a DLQ record written later is not shown; widen --window`,
      );
    }
  }
  return notes;
}

/**
 * The records' positions the spans give, on the topics where they give one for every event of
 * the journey: a consumer's process span names its partition and offset, so those topics are
 * read at those offsets instead of over the window.
 */
function knownPositions(all: readonly Partial[]): RecordPosition[] {
  const byTopic = new Map<string, RecordPosition[] | undefined>();
  for (const p of all) {
    if (!p.outbox) continue;
    const topic = p.outbox.topic;
    const hop = p.hops.find(
      (h) =>
        (h.kind === HopKinds.relayProduce || h.kind === HopKinds.consumerProcess) &&
        (h.topic === undefined || h.topic === topic) &&
        h.partition !== undefined &&
        h.offset !== undefined,
    );
    const known = byTopic.has(topic) ? byTopic.get(topic) : [];
    // One event of the topic without a position: the topic is read over the window.
    byTopic.set(
      topic,
      hop && known
        ? [...known, { topic, partition: hop.partition as number, offset: hop.offset as number }]
        : undefined,
    );
  }
  return [...byTopic.values()].flatMap((known) => known ?? []);
}

function spanHop(kind: HopKind, span: SpanLine): Hop {
  const group = span.attributes['messaging.consumer.group.name'];
  const partition = span.attributes['messaging.destination.partition.id'];
  const offset = span.attributes['messaging.kafka.offset'];
  const topic = span.attributes['messaging.destination.name'];
  const failed = span.status === SpanStatusCode.ERROR;
  return {
    kind,
    at: new Date(span.startUs / 1000).toISOString(),
    durationMs: Math.round(span.durationUs) / 1000,
    ...(typeof group === 'string' ? { consumerGroup: group } : {}),
    ...(typeof topic === 'string' ? { topic } : {}),
    ...(partition !== undefined ? { partition: Number(partition) } : {}),
    ...(typeof offset === 'number' ? { offset } : {}),
    ...(failed ? { failed } : {}),
  };
}

/**
 * The earliest outbox write of the journey, less a margin: the relay stamps each record when it
 * produces it, after the write, but on another machine's clock.
 */
function earliest(all: readonly Partial[]): number | undefined {
  const written = all.flatMap((p) => (p.outbox ? [Date.parse(p.outbox.occurredAt)] : []));
  return written.length > 0 ? Math.min(...written) - CLOCK_MARGIN_MS : undefined;
}

/** The latest outbox write of the journey: its window starts there. */
function latest(all: readonly Partial[]): number | undefined {
  const written = all.flatMap((p) => (p.outbox ? [Date.parse(p.outbox.occurredAt)] : []));
  return written.length > 0 ? Math.max(...written) : undefined;
}

function flatten(partial: Partial): Partial[] {
  return [partial, ...partial.followUps.flatMap(flatten)];
}
