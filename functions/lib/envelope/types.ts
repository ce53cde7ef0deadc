/** What every Eventline record says about itself, next to its payload. */
export interface Envelope {
  /** UUIDv7 minted at outbox write; the consumers' idempotency key. */
  readonly eventId: string;
  readonly eventType: string;
  readonly aggregateType: string;
  /** Also the Kafka record key. */
  readonly aggregateId: string;
  /** ISO-8601 instant (UTC, milliseconds), e.g. `2026-11-24T13:12:50.123Z`. */
  readonly occurredAt: string;
  /** The service that emitted the event. */
  readonly source: string;
  /** W3C trace context, when the writer had one. */
  readonly traceparent?: string;
}

/** Header values as kafkajs accepts them for produce: strings, written as UTF-8. */
export type EnvelopeHeaderValues = Record<string, string>;
