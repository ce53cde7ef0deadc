import { describe, expect, it } from 'vitest';
import { MissingEnvelopeHeaderError } from '../../../functions/lib/envelope/index.js';
import { UnknownTopicError } from '../../../functions/lib/manifest/index.js';
import { OutboxValidationError } from '../../../functions/lib/outbox/index.js';
import { SubjectNotFoundError } from '../../../functions/lib/registry/index.js';
import { SerdeValidationError, UnknownWireFormatError } from '../../../functions/lib/serde/index.js';
import { MessageTooLargeError } from '../../../functions/outbox-relay/errors.js';
import { reasonFor } from '../../../functions/outbox-relay/reasons.js';

function named(name: string): Error {
  return Object.assign(new Error(name), { name, retryable: false });
}

describe('Relay failure reasons', () => {
  it('names each kind of record the relay can never deliver', () => {
    expect(reasonFor(new SubjectNotFoundError('no subject orders.order.placed-value'))).toBe(
      'schema-not-found',
    );
    expect(reasonFor(new UnknownTopicError('orders.order.lost', ['orders.order.placed']))).toBe(
      'schema-not-found',
    );
    expect(reasonFor(new MessageTooLargeError(2_000_000, 1_000_000))).toBe('message-too-large');
    expect(reasonFor(new SerdeValidationError('payload does not match'))).toBe('validation');
    expect(reasonFor(new OutboxValidationError('OrderPlaced', 0, 'total is negative'))).toBe('validation');
    expect(reasonFor(new MissingEnvelopeHeaderError('event-id'))).toBe('invalid-record');
    expect(reasonFor(new UnknownWireFormatError('ff', 1))).toBe('encoding');
  });

  it('reads the dlqReason property, whatever the error class is called', () => {
    const quota = Object.assign(new Error('over quota'), { retryable: false, dlqReason: 'validation' });

    expect(reasonFor(quota)).toBe('validation');
    expect(reasonFor(named('SchemaNotFoundError'))).toBe('encoding');
    expect(reasonFor(named('OutboxValidationError'))).toBe('encoding');
  });
});
