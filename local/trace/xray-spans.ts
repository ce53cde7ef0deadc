import {
  BatchGetTracesCommand,
  type BatchGetTracesCommandOutput,
  type XRayClient,
} from '@aws-sdk/client-xray';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { type SpanLine, SpanNames } from '../../functions/lib/tracing/index.js';
import { TraceError } from './errors.js';

/**
 * A segment document as the ADOT collector's awsxray exporter writes one span: the span's id,
 * its parent's, its name, times in epoch seconds, fault/error for an ERROR status, its attributes
 * under `metadata.default` (or as `annotations`, dots turned to underscores, when indexed) and
 * its links. X-Ray returns subsegments sent on their own either as they were sent or embedded in
 * their parent's `subsegments`, so both are read.
 */
interface SegmentDocument {
  readonly id: string;
  readonly trace_id?: string;
  readonly parent_id?: string;
  readonly name: string;
  readonly start_time: number;
  readonly end_time?: number;
  readonly fault?: boolean;
  readonly error?: boolean;
  readonly annotations?: Readonly<Record<string, unknown>>;
  readonly metadata?: { readonly default?: Readonly<Record<string, unknown>> };
  readonly links?: readonly { readonly trace_id?: string; readonly id?: string }[];
  readonly subsegments?: readonly SegmentDocument[];
}

/** The span attributes `eventline trace` reads; annotations spell them with underscores. */
const readAttributes = [
  'eventline.event_id',
  'messaging.consumer.group.name',
  'messaging.destination.name',
  'messaging.destination.partition.id',
  'messaging.kafka.offset',
] as const;

/** X-Ray's spelling of a W3C trace id: version 1, the first 8 digits (epoch seconds), the other 24. */
export function xrayTraceId(traceId: string): string {
  return `1-${traceId.slice(0, 8)}-${traceId.slice(8)}`;
}

/** The W3C trace id of an X-Ray trace id. */
export function w3cTraceId(xrayId: string): string {
  return xrayId.slice(2, 10) + xrayId.slice(11);
}

/**
 * Every span of one trace from X-Ray (BatchGetTraces, one trace, all pages), in the shape of the
 * local span file, so the journey is built the same way from either source.
 */
export async function spansFromXRay(xray: XRayClient, traceId: string): Promise<SpanLine[]> {
  const spans: SpanLine[] = [];
  let nextToken: string | undefined;
  do {
    let answer: BatchGetTracesCommandOutput;
    try {
      answer = await xray.send(
        new BatchGetTracesCommand({ TraceIds: [xrayTraceId(traceId)], NextToken: nextToken }),
      );
    } catch (error) {
      throw new TraceError(
        `X-Ray BatchGetTraces failed for trace ${traceId}: ${(error as Error).message}; the caller needs xray:BatchGetTraces`,
        { cause: error },
      );
    }
    for (const trace of answer.Traces ?? []) {
      for (const segment of trace.Segments ?? []) {
        if (segment.Document)
          collect(JSON.parse(segment.Document) as SegmentDocument, traceId, undefined, spans);
      }
    }
    nextToken = answer.NextToken;
  } while (nextToken);
  return spans;
}

function collect(
  doc: SegmentDocument,
  traceId: string,
  enclosing: string | undefined,
  out: SpanLine[],
): void {
  const parentSpanId = doc.parent_id ?? enclosing;
  const end = doc.end_time ?? doc.start_time;
  out.push({
    traceId: doc.trace_id ? w3cTraceId(doc.trace_id) : traceId,
    spanId: doc.id,
    ...(parentSpanId ? { parentSpanId } : {}),
    name: doc.name,
    kind: kindOf(doc.name),
    startUs: Math.round(doc.start_time * 1e6),
    durationUs: Math.round((end - doc.start_time) * 1e6),
    status: doc.fault || doc.error ? SpanStatusCode.ERROR : SpanStatusCode.UNSET,
    attributes: attributesOf(doc),
    links: (doc.links ?? []).flatMap((link) =>
      link.trace_id && link.id ? [{ traceId: w3cTraceId(link.trace_id), spanId: link.id }] : [],
    ),
  });
  for (const sub of doc.subsegments ?? []) collect(sub, traceId, doc.id, out);
}

function attributesOf(doc: SegmentDocument): Record<string, unknown> {
  const attributes: Record<string, unknown> = { ...doc.metadata?.default };
  for (const name of readAttributes) {
    const annotated = doc.annotations?.[name.replaceAll('.', '_')];
    if (annotated !== undefined) attributes[name] = annotated;
  }
  return attributes;
}

/** X-Ray keeps no span kind; Eventline's span names say it. */
function kindOf(name: string): SpanKind {
  if (name.startsWith(SpanNames.consume) || name.startsWith(SpanNames.batch)) return SpanKind.CONSUMER;
  if (name.startsWith(SpanNames.outboxWrite) || name.startsWith(SpanNames.relay)) return SpanKind.PRODUCER;
  return SpanKind.INTERNAL;
}
