import { EnvelopeHeaders } from './names.js';
import type { Envelope, EnvelopeHeaderValues } from './types.js';
import { assertValidEnvelope } from './validate.js';

/**
 * The envelope as Kafka record headers, UTF-8 encoded. `traceparent` is only written
 * when present. Validates first, so a malformed envelope never reaches the broker.
 * @example await producer.send({ topic, messages: [{ key, value, headers: envelopeToHeaders(env) }] })
 */
export function envelopeToHeaders(envelope: Envelope): EnvelopeHeaderValues {
  assertValidEnvelope(envelope);
  const headers: EnvelopeHeaderValues = {
    [EnvelopeHeaders.eventId]: Buffer.from(envelope.eventId),
    [EnvelopeHeaders.eventType]: Buffer.from(envelope.eventType),
    [EnvelopeHeaders.aggregateType]: Buffer.from(envelope.aggregateType),
    [EnvelopeHeaders.aggregateId]: Buffer.from(envelope.aggregateId),
    [EnvelopeHeaders.occurredAt]: Buffer.from(envelope.occurredAt),
    [EnvelopeHeaders.source]: Buffer.from(envelope.source),
  };
  if (envelope.traceparent !== undefined) {
    headers[EnvelopeHeaders.traceparent] = Buffer.from(envelope.traceparent);
  }
  return headers;
}
