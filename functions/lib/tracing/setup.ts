import { trace } from '@opentelemetry/api';
import { BasicTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { EnvNames } from '../config/env-names.js';
import { createEventTracer, type EventTracer } from './event-tracer.js';
import { JsonLinesSpanExporter } from './file-exporter.js';
import { registeredProvider } from './global-provider.js';

/** Tracing as a handler reads it from its environment at cold start. */
export interface TracingConfig {
  /** `EVENTLINE_TRACING=off` turns every span off; the `traceparent` header is still carried. */
  readonly enabled: boolean;
  /** Local runs: spans are appended to this JSON-lines file (`EVENTLINE_TRACE_FILE`). */
  readonly file?: string;
}

/** Parses the tracing variables once; any value of EVENTLINE_TRACING but `off` leaves tracing on. */
export function tracingConfigFromEnv(env: Readonly<Record<string, string | undefined>>): TracingConfig {
  const file = env[EnvNames.traceFile];
  return Object.freeze({
    enabled: env[EnvNames.tracing] !== 'off',
    ...(file ? { file } : {}),
  });
}

/**
 * The handler's tracer. In AWS the ADOT Lambda layer registers the global provider, which
 * exports to X-Ray; with a trace file (locally) a provider writing that file is registered
 * here, unless one is registered already: the API keeps the first registration and only logs
 * the second, so registering again would leave the file empty while the spans went elsewhere.
 * With neither, the API's no-op provider makes every span free.
 *
 * OpenTelemetry rather than Powertools Tracer: a consumer span's parent is the context in each
 * record's `traceparent` header, one per record of a batch, and the X-Ray SDK under Powertools
 * only opens subsegments of the invocation's own segment, which Lambda starts and parents.
 */
export function setupTracing(config: TracingConfig): EventTracer {
  if (config.enabled && config.file && registeredProvider() === undefined) {
    const provider = new BasicTracerProvider({
      spanProcessors: [new SimpleSpanProcessor(new JsonLinesSpanExporter(config.file))],
    });
    trace.setGlobalTracerProvider(provider);
  }
  return createEventTracer({ enabled: config.enabled });
}
