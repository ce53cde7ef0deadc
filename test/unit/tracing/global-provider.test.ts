import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DiagLogger, DiagLogLevel, diag, trace } from '@opentelemetry/api';
import { BasicTracerProvider, BatchSpanProcessor, InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { afterEach, describe, expect, it } from 'vitest';
import { setupTracing } from '../../../functions/lib/tracing/index.js';

const TRACEPARENT = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';

/** The API's own complaints (a duplicate registration is logged, not thrown). */
function apiErrors(): string[] {
  const errors: string[] = [];
  const logger: DiagLogger = {
    error: (message) => errors.push(message),
    warn: () => {},
    info: () => {},
    debug: () => {},
    verbose: () => {},
  };
  diag.setLogger(logger, DiagLogLevel.ERROR);
  return errors;
}

/** A provider registered before the handler loads, as ADOT's wrapper does; it batches like the layer's. */
function preRegistered(): { exporter: InMemorySpanExporter } {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({
    // A delay no test waits for: only a flush hands the spans over.
    spanProcessors: [new BatchSpanProcessor(exporter, { scheduledDelayMillis: 60_000 })],
  });
  expect(trace.setGlobalTracerProvider(provider)).toBe(true);
  return { exporter };
}

describe('setupTracing with a provider already registered (ADOT layer)', () => {
  afterEach(() => {
    trace.disable();
    diag.disable();
  });

  it('uses the registered provider and registers no second one, even with a trace file', async () => {
    const errors = apiErrors();
    const { exporter } = preRegistered();
    const file = join(mkdtempSync(join(tmpdir(), 'eventline-setup-')), 'spans.jsonl');

    const tracer = setupTracing({ enabled: true, file });
    const span = tracer.relay('orders.order.placed', TRACEPARENT, { 'eventline.event_id': 'e-1' });
    span.end();
    await tracer.flush();

    expect(errors).toEqual([]);
    expect(exporter.getFinishedSpans().map((s) => s.parentSpanContext?.spanId)).toEqual(['b7ad6b7169203331']);
    expect(existsSync(file)).toBe(false);
  });

  it('hands the ended spans to the registered provider’s exporter when the handler flushes', async () => {
    const { exporter } = preRegistered();
    const tracer = setupTracing({ enabled: true });

    tracer.consume('orders.order.placed', TRACEPARENT, {}).end();
    expect(exporter.getFinishedSpans()).toHaveLength(0);
    await tracer.flush();

    expect(exporter.getFinishedSpans().map((s) => s.name)).toEqual([
      'eventline.consumer.process orders.order.placed',
    ]);
  });

  it('registers its file provider when none is registered, so a local run writes the trace file', async () => {
    const errors = apiErrors();
    const file = join(mkdtempSync(join(tmpdir(), 'eventline-setup-')), 'spans.jsonl');

    const tracer = setupTracing({ enabled: true, file });
    tracer.relay('orders.order.placed', TRACEPARENT, {}).end();
    await tracer.flush();

    expect(errors).toEqual([]);
    expect(existsSync(file)).toBe(true);
  });
});
