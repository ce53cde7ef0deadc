import { InvalidEnvelopeHeaderError } from './errors.js';
import { EnvelopeHeaders } from './names.js';
import type { Envelope } from './types.js';

// W3C trace-context version 00: version-traceid-parentid-flags, all-zero ids are invalid.
const TRACEPARENT = /^[0-9a-f]{2}-(?!0{32})[0-9a-f]{32}-(?!0{16})[0-9a-f]{16}-[0-9a-f]{2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Envelope fields that must not be empty, with their header names. */
const REQUIRED_TEXT = [
  ['eventType', EnvelopeHeaders.eventType],
  ['aggregateType', EnvelopeHeaders.aggregateType],
  ['aggregateId', EnvelopeHeaders.aggregateId],
  ['source', EnvelopeHeaders.source],
] as const;

/** True when the value is a well-formed W3C `traceparent`. */
export function isTraceparent(value: string): boolean {
  return TRACEPARENT.test(value) && !value.startsWith('ff');
}

/** Throws InvalidEnvelopeHeaderError for the first field that breaks the contract. */
export function assertValidEnvelope(envelope: Envelope): void {
  if (!UUID.test(envelope.eventId)) {
    throw new InvalidEnvelopeHeaderError(EnvelopeHeaders.eventId, envelope.eventId, 'not a UUID');
  }
  if (Number.isNaN(Date.parse(envelope.occurredAt))) {
    throw new InvalidEnvelopeHeaderError(EnvelopeHeaders.occurredAt, envelope.occurredAt, 'not ISO-8601');
  }
  for (const [field, header] of REQUIRED_TEXT) {
    if (envelope[field].length === 0) throw new InvalidEnvelopeHeaderError(header, '', 'empty');
  }
  if (envelope.traceparent !== undefined && !isTraceparent(envelope.traceparent)) {
    throw new InvalidEnvelopeHeaderError(
      EnvelopeHeaders.traceparent,
      envelope.traceparent,
      'not W3C trace-context',
    );
  }
}
