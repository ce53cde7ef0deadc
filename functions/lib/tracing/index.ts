/** Trace context across the asynchronous hops: outbox write, relay, consumers (W3C `traceparent`). */
export {
  type BatchSpan,
  createEventTracer,
  type EventTracer,
  type EventTracerOptions,
  type HopSpan,
  SpanNames,
} from './event-tracer.js';
export { JsonLinesSpanExporter, type SpanLine } from './file-exporter.js';
export { setupTracing, type TracingConfig, tracingConfigFromEnv } from './setup.js';
export { spanContextOf, traceparentOf } from './traceparent.js';
