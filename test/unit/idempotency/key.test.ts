import { describe, expect, it } from 'vitest';
import { idempotencyKey, payloadHash } from '../../../functions/lib/idempotency/index.js';

describe('idempotencyKey', () => {
  it('scopes the event id by consumer group', () => {
    const key = idempotencyKey({
      consumerGroup: 'projection',
      eventId: 'e-1',
      topic: 't',
      partition: 0,
      offset: 5,
    });

    expect(key).toBe('projection#e-1');
  });

  it('falls back to topic-partition-offset for a record without an event id', () => {
    const key = idempotencyKey({
      consumerGroup: 'projection',
      topic: 'orders.order.paid',
      partition: 2,
      offset: 40,
    });

    expect(key).toBe('projection#orders.order.paid-2-40');
  });
});

describe('payloadHash', () => {
  it('differs for different payloads and treats a tombstone as empty', () => {
    expect(payloadHash(Buffer.from('a'))).not.toBe(payloadHash(Buffer.from('b')));
    expect(payloadHash(null)).toBe(payloadHash(Buffer.alloc(0)));
  });
});
