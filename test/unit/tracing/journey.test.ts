import { SpanStatusCode } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import type { OutboxRecord } from '../../../functions/lib/outbox/index.js';
import { type SpanLine, SpanNames } from '../../../functions/lib/tracing/index.js';
import {
  type ClaimItem,
  EventNotFoundError,
  type FoundRecord,
  followEvent,
  type RecordWindow,
  renderTimeline,
  type TraceLookups,
} from '../../../local/trace/index.js';

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const CREATE = '00f067aa0ba902b7';
const START_US = Date.parse('2026-12-06T12:00:00.000Z') * 1000;

const paid: OutboxRecord = {
  eventId: 'e-paid',
  eventType: 'OrderPaid',
  aggregateType: 'Order',
  aggregateId: 'o-1',
  occurredAt: '2026-12-06T12:00:00.000Z',
  source: 'orders',
  topic: 'orders.order.paid',
  payload: {},
  traceparent: `00-${TRACE}-${CREATE}-01`,
  headers: {},
  txId: 'tx-1',
  txSeq: 0,
  expiresAt: 0,
};

function span(name: string, spanId: string, offsetMs: number, more: Partial<SpanLine> = {}): SpanLine {
  return {
    traceId: TRACE,
    spanId,
    name,
    kind: 4,
    startUs: START_US + offsetMs * 1000,
    durationUs: 2_000,
    status: SpanStatusCode.UNSET,
    attributes: {},
    links: [],
    ...more,
  };
}

const processOf = (group: string, spanId: string, offsetMs: number, failed = false) =>
  span(`${SpanNames.consume} orders.order.paid`, spanId, offsetMs, {
    parentSpanId: CREATE,
    attributes: { 'messaging.consumer.group.name': group, 'messaging.kafka.offset': 7 },
    ...(failed ? { status: SpanStatusCode.ERROR } : {}),
  });

function lookups(parts: {
  spans?: SpanLine[];
  claims?: ClaimItem[];
  records?: FoundRecord[];
  outbox?: OutboxRecord[];
}): TraceLookups & { scanned: string[][] } {
  const scanned: string[][] = [];
  const outbox = parts.outbox ?? [paid];
  return {
    scanned,
    spans: parts.spans ?? [],
    outboxItem: async (id) => outbox.find((r) => r.eventId === id),
    outboxItemsWithTraceparent: async (tp) => outbox.filter((r) => r.traceparent === tp),
    claims: async (id) => (id === paid.eventId ? (parts.claims ?? []) : []),
    records: async (topics, ids) => {
      scanned.push([...topics]);
      return (parts.records ?? []).filter((r) => ids.has(r.headers['event-id'] as string));
    },
  };
}

const relayed: FoundRecord = {
  topic: 'orders.order.paid',
  partition: 2,
  offset: 7,
  timestamp: Date.parse('2026-12-06T12:00:00.050Z'),
  headers: { 'event-id': 'e-paid' },
};

describe('followEvent', () => {
  it("tells each group's outcome: completed, dead-lettered with its reason, or pending retry", async () => {
    const source = lookups({
      spans: [
        processOf('projection', 'a1', 100),
        processOf('fulfilment', 'b1', 100, true),
        processOf('audit', 'c1', 100, true),
      ],
      claims: [{ consumerGroup: 'projection', status: 'COMPLETED', completedAt: START_US / 1000 + 110 }],
      records: [
        relayed,
        {
          topic: 'orders.order.paid.dlq',
          partition: 0,
          offset: 3,
          timestamp: Date.parse('2026-12-06T12:00:00.200Z'),
          headers: {
            'event-id': 'e-paid',
            'dlq-reason': 'handler-rejected',
            'dlq-consumer-group': 'fulfilment',
            'dlq-error-message': 'no such order',
            'dlq-failed-at': '2026-12-06T12:00:00.200Z',
          },
        },
      ],
    });

    const journey = await followEvent('e-paid', source);

    expect(journey.consumers).toEqual([
      { consumerGroup: 'audit', outcome: 'pending-retry', attempts: 1 },
      { consumerGroup: 'fulfilment', outcome: 'dead-lettered', attempts: 1 },
      { consumerGroup: 'projection', outcome: 'completed', attempts: 1 },
    ]);
    expect(journey.hops.find((h) => h.kind === 'relay-produce')).toMatchObject({ partition: 2, offset: 7 });
    expect(journey.hops.find((h) => h.kind === 'dead-lettered')).toMatchObject({
      consumerGroup: 'fulfilment',
      reason: 'handler-rejected',
      message: 'no such order',
    });
    expect(journey.hops.map((h) => h.at)).toEqual([...journey.hops.map((h) => h.at)].sort());
    expect(source.scanned).toEqual([['orders.order.paid', 'orders.order.paid.dlq']]);
    expect(renderTimeline(journey)).toContain('dead-lettered  group fulfilment');
  });

  it('reads the topics from five minutes before the earliest write of the journey, not from their start', async () => {
    const starts: (number | undefined)[] = [];
    const source = lookups({ records: [relayed] });
    const journey = await followEvent('e-paid', {
      ...source,
      records: (topics, ids, since) => {
        starts.push(since);
        return source.records(topics, ids, since);
      },
    });

    expect(starts).toEqual([Date.parse(paid.occurredAt) - 5 * 60_000]);
    expect(journey.hops.find((h) => h.kind === 'relay-produce')).toMatchObject({ offset: 7 });
  });

  it('follows the events a consumer span caused, and scans the topics once for all of them', async () => {
    const requested: OutboxRecord = {
      ...paid,
      eventId: 'e-req',
      eventType: 'FulfilmentRequested',
      topic: 'fulfilment.request.created',
      traceparent: `00-${TRACE}-cccccccccccccccc-01`,
      txId: 'tx-2',
    };
    const source = lookups({
      outbox: [paid, requested],
      spans: [
        processOf('fulfilment', 'bbbbbbbbbbbbbbbb', 100),
        span(`${SpanNames.outboxWrite} FulfilmentRequested`, 'cccccccccccccccc', 120, {
          parentSpanId: 'bbbbbbbbbbbbbbbb',
          attributes: { 'eventline.event_id': 'e-req' },
        }),
      ],
    });

    const journey = await followEvent('e-paid', source);

    expect(journey.followUps.map((f) => [f.eventId, f.eventType])).toEqual([
      ['e-req', 'FulfilmentRequested'],
    ]);
    expect(source.scanned).toHaveLength(1);
    expect(source.scanned[0]).toContain('fulfilment.request.created.dlq');
  });

  it('without spans, takes outbox items of another transaction carrying the same traceparent as follow-ups', async () => {
    const sibling = { ...paid, eventId: 'e-placed', txId: 'tx-1' };
    const caused = { ...paid, eventId: 'e-req', eventType: 'FulfilmentRequested', txId: 'tx-2' };

    const journey = await followEvent('e-paid', lookups({ outbox: [paid, sibling, caused] }));

    expect(journey.followUps.map((f) => f.eventId)).toEqual(['e-req']);
  });

  it('reads the topics up to an hour after the last write, or the window asked for', async () => {
    const windows: (RecordWindow | undefined)[] = [];
    const source = lookups({ records: [relayed] });
    const watched = { ...source, records: recordWindows(source, windows) };

    await followEvent('e-paid', watched);
    await followEvent('e-paid', watched, { windowMs: 6 * 3_600_000 });

    expect(windows.map((w) => w?.until)).toEqual([
      Date.parse(paid.occurredAt) + 3_600_000,
      Date.parse(paid.occurredAt) + 6 * 3_600_000,
    ]);
  });

  it('notes a pending group and a missing produce when the window ended before now, and not while it runs', async () => {
    const source = lookups({ spans: [processOf('audit', 'c1', 100, true)] });
    const afterWindow = () => Date.parse(paid.occurredAt) + 2 * 3_600_000;
    const inWindow = () => Date.parse(paid.occurredAt) + 60_000;

    const ended = await followEvent('e-paid', source, { now: afterWindow });
    const running = await followEvent('e-paid', source, { now: inWindow });

    expect(ended.consumers).toEqual([{ consumerGroup: 'audit', outcome: 'pending-retry', attempts: 1 }]);
    expect(ended.notes).toEqual([
      expect.stringMatching(/^no record of it on orders\.order\.paid up to 2026-12-06T13:00:00\.000Z/),
      expect.stringMatching(
        /^group audit is pending-retry and the DLQ was read up to 2026-12-06T13:00:00\.000Z.*widen --window$/,
      ),
    ]);
    expect(renderTimeline(ended)).toContain('  note: group audit is pending-retry');
    expect(running.notes).toBeUndefined();
  });

  it("reads a topic at the offsets the consumers' spans give, and the DLQ over the window", async () => {
    const windows: (RecordWindow | undefined)[] = [];
    const placed = span(`${SpanNames.consume} orders.order.paid`, 'a1', 100, {
      parentSpanId: CREATE,
      attributes: {
        'messaging.consumer.group.name': 'projection',
        'messaging.destination.partition.id': '2',
        'messaging.kafka.offset': 7,
      },
    });
    const source = lookups({ spans: [placed], records: [relayed] });

    const journey = await followEvent('e-paid', { ...source, records: recordWindows(source, windows) });

    expect(windows[0]?.positions).toEqual([{ topic: 'orders.order.paid', partition: 2, offset: 7 }]);
    expect(journey.hops.find((h) => h.kind === 'relay-produce')).toMatchObject({ partition: 2, offset: 7 });
  });

  it('says where it looked when nothing knows the event', async () => {
    await expect(followEvent('e-unknown', lookups({}))).rejects.toBeInstanceOf(EventNotFoundError);
  });
});

/** The lookups' record reader, keeping the window of each call. */
function recordWindows(source: TraceLookups, windows: (RecordWindow | undefined)[]): TraceLookups['records'] {
  return (topics, ids, since, window) => {
    windows.push(window);
    return source.records(topics, ids, since, window);
  };
}
