import { EnvelopeHeaders } from './names.js';
import type { Envelope, EnvelopeHeaderValues } from './types.js';
import { assertValidEnvelope } from './validate.js';

/**
 * The envelope as Kafka record headers. Values are strings, which kafkajs writes into the
 * request as UTF-8 (a Buffer per header would only be copied there). `traceparent` is only
 * written when present. Validates first, so a malformed envelope never reaches the broker.
 * @example await producer.send({ topic, messages: [{ key, value, headers: envelopeToHeaders(env) }] })
 */
export function envelopeToHeaders(envelope: Envelope): EnvelopeHeaderValues {
  assertValidEnvelope(envelope);
  const headers: EnvelopeHeaderValues = {
    [EnvelopeHeaders.eventId]: envelope.eventId,
    [EnvelopeHeaders.eventType]: envelope.eventType,
    [EnvelopeHeaders.aggregateType]: envelope.aggregateType,
    [EnvelopeHeaders.aggregateId]: envelope.aggregateId,
    [EnvelopeHeaders.occurredAt]: envelope.occurredAt,
    [EnvelopeHeaders.source]: envelope.source,
  };
  if (envelope.traceparent !== undefined) {
    headers[EnvelopeHeaders.traceparent] = envelope.traceparent;
  }
  return headers;
}
