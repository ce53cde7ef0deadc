/** Kafka record header names of the event envelope (docs/architecture.md §2). */
export const EnvelopeHeaders = {
  eventId: 'event-id',
  eventType: 'event-type',
  aggregateType: 'aggregate-type',
  aggregateId: 'aggregate-id',
  occurredAt: 'occurred-at',
  source: 'source',
  traceparent: 'traceparent',
} as const;

export type EnvelopeHeaderName = (typeof EnvelopeHeaders)[keyof typeof EnvelopeHeaders];
