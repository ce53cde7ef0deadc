import { Logger } from '@aws-lambda-powertools/logger';
import type { DynamoDBClient, TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import type { TopicMessages } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { type ConsumerRecord, kafkaConsumer } from '../../../functions/lib/consumer/index.js';
import { loadManifest } from '../../../functions/lib/manifest/index.js';
import { createOutboxWriter, type OutboxWriter } from '../../../functions/lib/outbox/index.js';
import { createEventTracer, type EventTracer, SpanNames } from '../../../functions/lib/tracing/index.js';
import { createRelay } from '../../../functions/outbox-relay/relay.js';
import { DdbStreamSamples, loadDdbStreamEvent } from '../../events/ddb-stream/load.js';
import { buildMskEvent } from '../../events/msk/build.js';
import { collectingDlq, fakeSerde, lambdaContext, memoryStore, silentLogger } from '../consumer/fakes.js';

const manifest = loadManifest();
const CALLER = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';

/** A tracer whose spans are kept in memory, and the spans it ended so far. */
function recording(enabled = true): { tracer: EventTracer; spans: () => ReadableSpan[] } {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  return {
    tracer: createEventTracer({ enabled, tracer: provider.getTracer('test') }),
    spans: () => exporter.getFinishedSpans(),
  };
}

/** An outbox writer over a client that keeps the transaction's items (no network). */
function outbox(tracer: EventTracer): { writer: OutboxWriter; sent: TransactWriteItemsCommand[] } {
  const sent: TransactWriteItemsCommand[] = [];
  const client = {
    send: async (command: TransactWriteItemsCommand) => {
      sent.push(command);
      return {};
    },
  } as unknown as DynamoDBClient;
  const writer = createOutboxWriter({
    client,
    tableName: 'outbox',
    manifest,
    source: 'orders-service',
    validatePayload: () => {},
    tracer,
  });
  return { writer, sent };
}

/** The DynamoDB Streams event Lambda would deliver for the items of the sent transactions. */
function streamOf(sent: readonly TransactWriteItemsCommand[]): DynamoDBStreamEvent {
  const [sample] = loadDdbStreamEvent(DdbStreamSamples.outboxInsert).Records as DynamoDBRecord[];
  const items = sent.flatMap((command) => command.input.TransactItems ?? []);
  return {
    Records: items.map((item, i) => {
      const record = structuredClone(sample) as DynamoDBRecord;
      if (record.dynamodb) {
        record.dynamodb.NewImage = item.Put?.Item as never;
        record.dynamodb.SequenceNumber = String(100 + i);
      }
      return record;
    }),
  };
}

/** A relay over a producer that keeps what it was asked to send. */
function relayInto(tracer: EventTracer) {
  const produced: TopicMessages[] = [];
  const relay = createRelay({
    serde: fakeSerde,
    manifest,
    logger: new Logger({ logLevel: 'SILENT' }),
    producer: {
      sendBatch: async (topicMessages) => {
        produced.push(...topicMessages);
        return [];
      },
    },
    failures: { send: async () => {} },
    tracer,
  });
  return { relay, produced };
}

/** The MSK event for the produced messages, offsets from 0 in produce order. */
function mskOf(produced: readonly TopicMessages[]) {
  return buildMskEvent(
    produced.flatMap((topic) =>
      topic.messages.map((message, offset) => ({
        topic: topic.topic,
        partition: 0,
        offset,
        timestamp: 1_790_000_000_000,
        key: Buffer.from(String(message.key)),
        value: message.value as Buffer,
        headers: Object.fromEntries(
          Object.entries(message.headers ?? {}).map(([name, value]) => [name, Buffer.from(String(value))]),
        ),
      })),
    ),
  );
}

const byName = (spans: readonly ReadableSpan[], name: string) => spans.filter((s) => s.name.startsWith(name));
const traceparentOf = (span: ReadableSpan) =>
  `00-${span.spanContext().traceId}-${span.spanContext().spanId}-01`;

describe('Trace context across the hops', () => {
  it("stamps the outbox create span, a child of the caller's traceparent, as the event's traceparent", async () => {
    const { tracer, spans } = recording();
    const { writer } = outbox(tracer);

    const { events } = await writer.write({
      events: [{ eventType: 'OrderPlaced', aggregateId: 'o-1', payload: {}, traceparent: CALLER }],
    });

    const [create] = byName(spans(), SpanNames.outboxWrite);
    expect(create?.kind).toBe(SpanKind.PRODUCER);
    expect(create?.spanContext().traceId).toBe('0af7651916cd43dd8448eb211c80319c');
    expect(create?.parentSpanContext?.spanId).toBe('b7ad6b7169203331');
    expect(create?.attributes['eventline.event_id']).toBe(events[0]?.eventId);
    expect(events[0]?.traceparent).toBe(traceparentOf(create as ReadableSpan));
  });

  it('starts a trace when the caller has none', async () => {
    const { tracer, spans } = recording();

    const { events } = await outbox(tracer).writer.write({
      events: [{ eventType: 'OrderPlaced', aggregateId: 'o-1', payload: {} }],
    });

    const [create] = spans();
    expect(create?.parentSpanContext).toBeUndefined();
    expect(events[0]?.traceparent).toBe(traceparentOf(create as ReadableSpan));
  });

  it('stamps a fresh traceparent when no provider is registered and the caller has none', async () => {
    const { writer } = outbox(createEventTracer());

    const { events } = await writer.write({
      events: [
        { eventType: 'OrderPlaced', aggregateId: 'o-1', payload: {} },
        { eventType: 'OrderPaid', aggregateId: 'o-1', payload: {}, traceparent: CALLER },
      ],
    });

    expect(events[0]?.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    expect(events[0]?.traceparent).not.toBe(CALLER);
    // X-Ray (through ADOT's collector) keeps only trace ids that begin with a recent epoch second.
    const seconds = Number.parseInt(events[0]?.traceparent?.slice(3, 11) ?? '', 16);
    expect(Math.abs(seconds - Date.now() / 1000)).toBeLessThan(60);
    // A no-op span hands the caller's context on unchanged.
    expect(events[1]?.traceparent).toBe(CALLER);
  });

  it("relays each event under a span parented by the writer's context and keeps the writer's header on the record", async () => {
    const { tracer, spans } = recording();
    const { writer, sent } = outbox(tracer);
    const { events } = await writer.write({
      events: [
        { eventType: 'OrderPlaced', aggregateId: 'o-1', payload: {}, traceparent: CALLER },
        { eventType: 'OrderPaid', aggregateId: 'o-1', payload: {}, traceparent: CALLER },
      ],
    });
    const { relay, produced } = relayInto(tracer);

    await relay(streamOf(sent));

    const creates = byName(spans(), SpanNames.outboxWrite);
    const publishes = byName(spans(), SpanNames.relay);
    expect(publishes.map((s) => s.parentSpanContext?.spanId)).toEqual(
      creates.map((s) => s.spanContext().spanId),
    );
    expect(publishes.map((s) => s.attributes['eventline.event_id'])).toEqual(events.map((e) => e.eventId));
    const headers = produced.flatMap((t) => t.messages.map((m) => String(m.headers?.traceparent)));
    expect(headers).toEqual(events.map((e) => e.traceparent));
  });

  it("processes each record under a span parented by its traceparent, links them from the invocation's span, and continues the trace in a follow-up event", async () => {
    const { tracer, spans } = recording();
    const { writer, sent } = outbox(tracer);
    const { events } = await writer.write({
      events: [
        { eventType: 'OrderPlaced', aggregateId: 'o-1', payload: {} },
        { eventType: 'OrderPaid', aggregateId: 'o-2', payload: {} },
      ],
    });
    const { relay, produced } = relayInto(tracer);
    await relay(streamOf(sent));
    const followUps = outbox(tracer);
    const handled: ConsumerRecord[] = [];
    const consume = kafkaConsumer({
      consumerGroup: 'fulfilment',
      serde: fakeSerde,
      dlq: collectingDlq(),
      idempotency: memoryStore(),
      logger: silentLogger,
      tracer,
      handler: async (record) => {
        handled.push(record);
        await followUps.writer.write({
          events: [
            {
              eventType: 'FulfilmentRequested',
              aggregateId: String(record.key),
              payload: {},
              ...(record.traceparent ? { traceparent: record.traceparent } : {}),
            },
          ],
        });
      },
    });

    await consume(mskOf(produced), lambdaContext());

    const processes = byName(spans(), SpanNames.consume);
    expect(processes.map((s) => s.kind)).toEqual([SpanKind.CONSUMER, SpanKind.CONSUMER]);
    const parents = processes.map((s) => `${s.spanContext().traceId}-${s.parentSpanContext?.spanId}`);
    expect(parents).toEqual(events.map((e) => e.traceparent?.slice(3, 52)));
    expect(handled.map((r) => r.traceparent)).toEqual(processes.map(traceparentOf));

    const [batch] = byName(spans(), SpanNames.batch);
    expect(batch?.parentSpanContext).toBeUndefined();
    expect(batch?.links.map((l) => `00-${l.context.traceId}-${l.context.spanId}-01`)).toEqual(
      events.map((e) => e.traceparent),
    );

    const followUpCreates = byName(spans(), `${SpanNames.outboxWrite} FulfilmentRequested`);
    expect(followUpCreates.map((s) => s.parentSpanContext?.spanId)).toEqual(
      processes.map((s) => s.spanContext().spanId),
    );
    expect(followUpCreates.map((s) => s.spanContext().traceId)).toEqual(
      events.map((e) => e.traceparent?.slice(3, 35)),
    );
  });

  it('with tracing off starts no span but still carries the traceparent to the follow-up event', async () => {
    const { tracer, spans } = recording(false);
    const { writer, sent } = outbox(tracer);
    await writer.write({
      events: [{ eventType: 'OrderPlaced', aggregateId: 'o-1', payload: {}, traceparent: CALLER }],
    });
    const { relay, produced } = relayInto(tracer);
    await relay(streamOf(sent));
    const seen: (string | undefined)[] = [];
    const consume = kafkaConsumer({
      consumerGroup: 'projection',
      serde: fakeSerde,
      dlq: collectingDlq(),
      logger: silentLogger,
      tracer,
      handler: async (record) => {
        seen.push(record.traceparent);
      },
    });

    await consume(mskOf(produced), lambdaContext());

    expect(spans()).toEqual([]);
    expect(String(produced[0]?.messages[0]?.headers?.traceparent)).toBe(CALLER);
    expect(seen).toEqual([CALLER]);
  });

  it('marks the process span failed when the handler rejects the record', async () => {
    const { tracer, spans } = recording();
    const { writer, sent } = outbox(tracer);
    await writer.write({ events: [{ eventType: 'OrderPlaced', aggregateId: 'o-1', payload: {} }] });
    const { relay, produced } = relayInto(tracer);
    await relay(streamOf(sent));
    const consume = kafkaConsumer({
      consumerGroup: 'projection',
      serde: fakeSerde,
      dlq: collectingDlq(),
      logger: silentLogger,
      tracer,
      handler: async () => {
        throw Object.assign(new Error('no such order'), { retryable: false });
      },
    });

    await consume(mskOf(produced), lambdaContext());

    const [process] = byName(spans(), SpanNames.consume);
    expect(process?.status.code).toBe(SpanStatusCode.ERROR);
    expect(process?.events.map((e) => e.name)).toEqual(['exception']);
  });
});
