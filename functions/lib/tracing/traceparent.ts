import { isSpanContextValid, type SpanContext, TraceFlags } from '@opentelemetry/api';

/*
 * Parsed and formatted by hand rather than through W3CTraceContextPropagator: the envelope has
 * already checked the header's shape (isTraceparent), and the propagator's carrier round trip
 * (a context, a getter, a setter) per record would cost more than the span it parents.
 */

/** The remote span context a W3C `traceparent` names; undefined when absent or malformed. */
export function spanContextOf(traceparent: string | undefined): SpanContext | undefined {
  if (traceparent === undefined || traceparent.length !== 55) return undefined;
  const context: SpanContext = {
    traceId: traceparent.slice(3, 35),
    spanId: traceparent.slice(36, 52),
    traceFlags: Number.parseInt(traceparent.slice(53, 55), 16) & TraceFlags.SAMPLED,
    isRemote: true,
  };
  return isSpanContextValid(context) ? context : undefined;
}

/** The W3C `traceparent` of a span context (version 00). */
export function traceparentOf(context: SpanContext): string {
  const flags = context.traceFlags & TraceFlags.SAMPLED ? '01' : '00';
  return `00-${context.traceId}-${context.spanId}-${flags}`;
}
