import type { XRayClient } from '@aws-sdk/client-xray';
import { SpanStatusCode } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { SpanNames } from '../../../functions/lib/tracing/index.js';
import { spansFromXRay, TraceError, xrayTraceId } from '../../../local/trace/index.js';

const TRACE = '6751a3c0a006649127e371903a2de979';
const XRAY_TRACE = '1-6751a3c0-a006649127e371903a2de979';

/**
 * BatchGetTraces answers in the documented shape (Traces[].Segments[].Document, a JSON string;
 * NextToken while more remain). The invocation segment here embeds its subsegments, as X-Ray
 * returns subsegments that were sent inside their segment; the integration test covers
 * subsegments sent on their own, through moto.
 */
const pages = [
  {
    Traces: [
      {
        Id: XRAY_TRACE,
        Segments: [
          {
            Id: '53995c3f42cd8ad8',
            Document: JSON.stringify({
              id: '53995c3f42cd8ad8',
              trace_id: XRAY_TRACE,
              name: SpanNames.batch,
              start_time: 1733403584.2,
              end_time: 1733403584.31,
              metadata: { default: { 'messaging.consumer.group.name': 'fulfilment' } },
              subsegments: [
                {
                  id: '70de5b6f19ff9a0a',
                  name: `${SpanNames.consume} orders.order.paid`,
                  start_time: 1733403584.25,
                  end_time: 1733403584.3,
                  fault: true,
                  annotations: { eventline_event_id: 'e-paid' },
                  metadata: { default: { 'messaging.kafka.offset': 7 } },
                },
              ],
            }),
          },
        ],
      },
    ],
    NextToken: 'page-2',
  },
  {
    Traces: [
      {
        Id: XRAY_TRACE,
        Segments: [
          {
            Id: 'c2f4a1b0e9d87a65',
            Document: JSON.stringify({
              id: 'c2f4a1b0e9d87a65',
              trace_id: XRAY_TRACE,
              parent_id: '0f6a1e2d3c4b5a69',
              type: 'subsegment',
              name: `${SpanNames.relay} orders.order.paid`,
              start_time: 1733403584.1,
              end_time: 1733403584.15,
              links: [{ trace_id: XRAY_TRACE, id: '0f6a1e2d3c4b5a69' }],
            }),
          },
        ],
      },
    ],
  },
];

function answering(responses: readonly unknown[]): { xray: XRayClient; asked: unknown[] } {
  const asked: unknown[] = [];
  const xray = {
    send: async (command: { input: unknown }) => {
      asked.push(command.input);
      const next = responses[asked.length - 1];
      if (next instanceof Error) throw next;
      return next;
    },
  } as unknown as XRayClient;
  return { xray, asked };
}

describe('spansFromXRay', () => {
  it('reads every page of the trace, embedded subsegments with their segment as parent', async () => {
    const { xray, asked } = answering(pages);

    const spans = await spansFromXRay(xray, TRACE);

    expect(asked).toEqual([
      { TraceIds: [XRAY_TRACE], NextToken: undefined },
      { TraceIds: [XRAY_TRACE], NextToken: 'page-2' },
    ]);
    expect(spans.map((s) => [s.spanId, s.parentSpanId])).toEqual([
      ['53995c3f42cd8ad8', undefined],
      ['70de5b6f19ff9a0a', '53995c3f42cd8ad8'],
      ['c2f4a1b0e9d87a65', '0f6a1e2d3c4b5a69'],
    ]);
    const process = spans[1];
    expect(process).toMatchObject({
      traceId: TRACE,
      startUs: 1733403584250000,
      durationUs: 50000,
      status: SpanStatusCode.ERROR,
      attributes: { 'eventline.event_id': 'e-paid', 'messaging.kafka.offset': 7 },
    });
    expect(spans[2]?.links).toEqual([{ traceId: TRACE, spanId: '0f6a1e2d3c4b5a69' }]);
  });

  it('says which permission a refused call needs', async () => {
    const denied = Object.assign(new Error('User is not authorized to perform: xray:BatchGetTraces'), {
      name: 'AccessDeniedException',
    });
    const { xray } = answering([denied]);

    const failure = spansFromXRay(xray, TRACE);

    await expect(failure).rejects.toBeInstanceOf(TraceError);
    await expect(failure).rejects.toThrow(`trace ${TRACE}`);
  });

  it('spells a W3C trace id as X-Ray does', () => {
    expect(xrayTraceId(TRACE)).toBe(XRAY_TRACE);
  });
});
