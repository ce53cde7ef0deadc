import { MissingEnvelopeHeaderError } from './errors.js';
import { EnvelopeHeaders } from './names.js';
import type { Envelope } from './types.js';
import { assertValidEnvelope } from './validate.js';

/** Header values as kafkajs (Buffer, or an array when a header repeats) or a decoded MSK event give them. */
export type IncomingHeaders = Readonly<
  Record<string, Buffer | string | readonly (Buffer | string)[] | undefined>
>;

/**
 * Reads the envelope back from record headers; throws an EnvelopeError (not retryable)
 * when a required header is missing or malformed. A repeated header takes its last value,
 * as Kafka clients that map headers to an object do.
 */
export function envelopeFromHeaders(headers: IncomingHeaders): Envelope {
  const traceparent = readHeader(headers, EnvelopeHeaders.traceparent);
  const envelope: Envelope = {
    eventId: required(headers, EnvelopeHeaders.eventId),
    eventType: required(headers, EnvelopeHeaders.eventType),
    aggregateType: required(headers, EnvelopeHeaders.aggregateType),
    aggregateId: required(headers, EnvelopeHeaders.aggregateId),
    occurredAt: required(headers, EnvelopeHeaders.occurredAt),
    source: required(headers, EnvelopeHeaders.source),
    ...(traceparent !== undefined ? { traceparent } : {}),
  };
  assertValidEnvelope(envelope);
  return envelope;
}

/** One header as a UTF-8 string, or undefined when absent. */
export function readHeader(headers: IncomingHeaders, name: string): string | undefined {
  const raw = headers[name];
  const value = Array.isArray(raw) ? raw.at(-1) : raw;
  if (value === undefined) return undefined;
  return typeof value === 'string' ? value : value.toString('utf8');
}

function required(headers: IncomingHeaders, name: string): string {
  const value = readHeader(headers, name);
  if (value === undefined) throw new MissingEnvelopeHeaderError(name);
  return value;
}
