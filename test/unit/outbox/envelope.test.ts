import { describe, expect, it } from 'vitest';
import {
  type Envelope,
  EnvelopeHeaders,
  envelopeFromHeaders,
  envelopeToHeaders,
  InvalidEnvelopeHeaderError,
  MissingEnvelopeHeaderError,
} from '../../../functions/lib/envelope/index.js';

const envelope: Envelope = {
  eventId: '019ab5c2-7c1e-7d2a-9f00-3b1f5e2a9c41',
  eventType: 'OrderPlaced',
  aggregateType: 'Order',
  aggregateId: 'order-1',
  occurredAt: '2026-11-24T13:12:50.123Z',
  source: 'orders-service',
  traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
};

describe('Envelope', () => {
  it('round-trips through Kafka headers as strings', () => {
    const headers = envelopeToHeaders(envelope);

    expect(Object.keys(headers).sort()).toEqual(Object.values(EnvelopeHeaders).sort());
    expect(headers['aggregate-id']).toBe('order-1');
    expect(envelopeFromHeaders(headers)).toEqual(envelope);
  });

  it('omits traceparent when the writer had none', () => {
    const { traceparent: _, ...withoutTrace } = envelope;

    const headers = envelopeToHeaders(withoutTrace);

    expect(headers).not.toHaveProperty('traceparent');
    expect(envelopeFromHeaders(headers)).toEqual(withoutTrace);
  });

  it('reads Buffer headers and the last value of a repeated header', () => {
    const headers = {
      ...Object.fromEntries(Object.entries(envelopeToHeaders(envelope)).map(([k, v]) => [k, Buffer.from(v)])),
      source: ['old', Buffer.from('orders-service')],
    };

    expect(envelopeFromHeaders(headers).source).toBe('orders-service');
  });

  it('names the missing header', () => {
    const { 'event-id': _, ...headers } = envelopeToHeaders(envelope);

    expect(() => envelopeFromHeaders(headers)).toThrow(MissingEnvelopeHeaderError);
    expect(() => envelopeFromHeaders(headers)).toThrow(/event-id/);
  });

  it('refuses a malformed traceparent, event id or timestamp before it reaches the broker', () => {
    expect(() => envelopeToHeaders({ ...envelope, traceparent: 'nope' })).toThrow(InvalidEnvelopeHeaderError);
    expect(() => envelopeToHeaders({ ...envelope, eventId: 'x' })).toThrow(/event-id/);
    expect(() => envelopeToHeaders({ ...envelope, occurredAt: 'yesterday' })).toThrow(/occurred-at/);
  });
});
