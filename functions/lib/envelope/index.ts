/**
 * The event envelope: header names and their encoding (docs/architecture.md §2), shared by the
 * outbox relay (which writes them) and the consumers (which read them).
 */
export { envelopeFromHeaders, type IncomingHeaders, readHeader } from './decode.js';
export { envelopeToHeaders } from './encode.js';
export { EnvelopeError, InvalidEnvelopeHeaderError, MissingEnvelopeHeaderError } from './errors.js';
export { type EnvelopeHeaderName, EnvelopeHeaders } from './names.js';
export type { Envelope, EnvelopeHeaderValues } from './types.js';
export { assertValidEnvelope, isTraceparent } from './validate.js';
