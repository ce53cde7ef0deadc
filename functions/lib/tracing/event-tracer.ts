import { randomBytes } from 'node:crypto';
import {
  type Attributes,
  type Context,
  isSpanContextValid,
  context as otelContext,
  ROOT_CONTEXT,
  type Span,
  type SpanContext,
  SpanKind,
  SpanStatusCode,
  type Tracer,
  trace,
} from '@opentelemetry/api';
import { flushRegisteredProvider, registeredProvider } from './global-provider.js';
import { spanContextOf, traceparentOf } from './traceparent.js';

/** Names of the spans Eventline starts, one per hop of an event. */
export const SpanNames = {
  outboxWrite: 'eventline.outbox.create',
  relay: 'eventline.relay.publish',
  consume: 'eventline.consumer.process',
  batch: 'eventline.consumer.batch',
} as const;

export interface EventTracerOptions {
  /** @default true; off, no span is started and only the incoming `traceparent` is carried along */
  readonly enabled?: boolean;
  /**
   * @default trace.getTracer('eventline'): the globally registered provider (ADOT's in AWS, the
   * file exporter locally); while none is registered, no span is started (as with tracing off)
   */
  readonly tracer?: Tracer;
}

/** A started span and the `traceparent` that names it; `end` is a no-op when tracing is off. */
export interface HopSpan {
  readonly traceparent: string | undefined;
  /** Marks the span failed without ending it. */
  fail(error: unknown): void;
  /** Ends the span, failed first when an error is given. */
  end(error?: unknown): void;
}

/** Spans for the asynchronous hops of an event, parented by the `traceparent` the event carries. */
export interface EventTracer {
  /** Whether spans are recorded: tracing is on and a provider is there to take them. */
  readonly enabled: boolean;
  /** The outbox write of one event: a child of `traceparent` when given, else of the caller's active context. */
  outboxWrite(eventType: string, traceparent: string | undefined, attributes: Attributes): HopSpan;
  /** The relay's produce of one event: a child of the context the writer stamped. */
  relay(topic: string, traceparent: string | undefined, attributes: Attributes): HopSpan;
  /**
   * A consumer's processing of one record: a child of the record's `traceparent`, and a link of
   * the invocation's span when given, so the header is read and parsed once per record.
   */
  consume(
    topic: string,
    traceparent: string | undefined,
    attributes: Attributes,
    invocation?: BatchSpan,
  ): HopSpan;
  /** A consumer invocation: a root span that each record's `consume` links to (OpenTelemetry's batch receive). */
  batch(consumerGroup: string, records: number): BatchSpan;
  /**
   * Hands the ended spans to the registered provider's exporter; a handler calls it before it
   * returns, when Lambda may freeze the sandbox. A no-op with a tracer of the caller's own.
   */
  flush(): Promise<void>;
}

/** The span of a consumer invocation, linked to the context of every record it processes. */
export interface BatchSpan extends HopSpan {
  link(context: SpanContext): void;
}

const OFF: BatchSpan = { traceparent: undefined, fail() {}, end() {}, link() {} };

/**
 * A started span behind the HopSpan interface. A class rather than closures, and the
 * `traceparent` formatted only when asked for: a consumer's span per record is on the warm path
 * (bench B10), and only a record that emits a follow-up event reads its `traceparent`.
 */
class StartedSpan implements BatchSpan {
  constructor(private readonly span: Span) {}

  get traceparent(): string | undefined {
    const spanContext = this.span.spanContext();
    // A recording span's context is valid; a no-op one is the parent's, stamped unchanged.
    return this.span.isRecording() || isSpanContextValid(spanContext)
      ? traceparentOf(spanContext)
      : undefined;
  }

  fail(error: unknown): void {
    this.span.recordException(error instanceof Error ? error : String(error));
    this.span.setStatus({ code: SpanStatusCode.ERROR });
  }

  end(error?: unknown): void {
    if (error !== undefined) this.fail(error);
    this.span.end();
  }

  link(context: SpanContext): void {
    this.span.addLink({ context });
  }
}

/**
 * A fresh, sampled W3C context: the root of a trace nobody started. Its trace id begins with
 * the epoch seconds (8 hex digits), as X-Ray's ids do: the ADOT collector's X-Ray exporter drops
 * a span whose trace id does not begin with a time of the last 28 days.
 */
function newTraceparent(): string {
  const seconds = Math.floor(Date.now() / 1000)
    .toString(16)
    .padStart(8, '0');
  const ids = randomBytes(20).toString('hex');
  return `00-${seconds}${ids.slice(0, 24)}-${ids.slice(24)}-01`;
}

/**
 * One tracer for the writer, the relay and the consumers.
 * @example
 * const span = tracer.relay(topic, outbox.traceparent, { 'eventline.event_id': outbox.eventId });
 * try { await produce(); span.end(); } catch (error) { span.end(error); throw error; }
 */
export function createEventTracer(options: EventTracerOptions = {}): EventTracer {
  const on = options.enabled ?? true;
  const tracer = options.tracer ?? trace.getTracer('eventline');
  // The API's no-op spans still cost a context and a validation per record; with no provider
  // registered nothing would record them, so none is started. A provider registered later
  // (setupTracing, ADOT's wrapper) is seen on the next call, and stays.
  let recording = on && options.tracer !== undefined;
  function enabled(): boolean {
    if (!recording && on) recording = registeredProvider() !== undefined;
    return recording;
  }

  function parentOf(traceparent: string | undefined, fallback: Context): Context {
    const remote = spanContextOf(traceparent);
    return remote ? trace.setSpanContext(ROOT_CONTEXT, remote) : fallback;
  }

  function start(name: string, kind: SpanKind, parent: Context, attributes: Attributes): BatchSpan {
    return new StartedSpan(tracer.startSpan(name, { kind, attributes }, parent));
  }

  function carried(traceparent: string | undefined): HopSpan {
    return traceparent === undefined ? OFF : { traceparent, fail() {}, end() {} };
  }

  return {
    get enabled() {
      return enabled();
    },
    outboxWrite(eventType, traceparent, attributes) {
      if (enabled()) {
        const parent = parentOf(traceparent, otelContext.active());
        return start(`${SpanNames.outboxWrite} ${eventType}`, SpanKind.PRODUCER, parent, attributes);
      }
      const active = trace.getSpanContext(otelContext.active());
      const inherited =
        traceparent ?? (active && isSpanContextValid(active) ? traceparentOf(active) : undefined);
      // No provider and no caller context (a service without OpenTelemetry): the event still
      // starts a trace of its own, so the relay's and the consumers' spans share one parent.
      return carried(inherited ?? (on ? newTraceparent() : undefined));
    },
    relay(topic, traceparent, attributes) {
      if (!enabled()) return carried(traceparent);
      return start(
        `${SpanNames.relay} ${topic}`,
        SpanKind.PRODUCER,
        parentOf(traceparent, ROOT_CONTEXT),
        attributes,
      );
    },
    consume(topic, traceparent, attributes, invocation) {
      if (!enabled()) return carried(traceparent);
      const remote = spanContextOf(traceparent);
      if (remote) invocation?.link(remote);
      const parent = remote ? trace.setSpanContext(ROOT_CONTEXT, remote) : ROOT_CONTEXT;
      return start(`${SpanNames.consume} ${topic}`, SpanKind.CONSUMER, parent, attributes);
    },
    batch(consumerGroup, records) {
      if (!enabled()) return OFF;
      const attributes = {
        'messaging.consumer.group.name': consumerGroup,
        'messaging.batch.message_count': records,
      };
      return start(SpanNames.batch, SpanKind.CONSUMER, ROOT_CONTEXT, attributes);
    },
    async flush() {
      if (enabled() && options.tracer === undefined) await flushRegisteredProvider();
    },
  };
}
