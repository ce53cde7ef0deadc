import { describe, expect, it } from 'vitest';
import { MalformedEventError, parseMskEvent } from '../../../functions/lib/consumer/index.js';
import { loadMskEvent, MskSamples } from '../../events/msk/load.js';

describe('parseMskEvent', () => {
  it('groups an aws:kafka event by topic-partition with bytes decoded and headers in wire order', () => {
    const batch = parseMskEvent(loadMskEvent(MskSamples.confluentAvro));

    expect(batch.eventSource).toBe('aws:kafka');
    expect(batch.eventSourceArn).toMatch(/^arn:aws:kafka:/);
    expect(batch.partitions.map((p) => [p.partitionKey, p.records.map((r) => r.offset)])).toEqual([
      ['orders.order.paid-0', [10, 11]],
      ['orders.order.paid-1', [7]],
    ]);
    const first = batch.partitions[0]?.records[0];
    expect(first?.key?.toString()).toBe('order-1');
    expect(first?.value?.[0]).toBe(0x00);
    expect(first?.headers.map(([name]) => name)).toEqual([
      'event-id',
      'event-type',
      'aggregate-type',
      'aggregate-id',
      'occurred-at',
      'source',
    ]);
    expect(first?.headerMap['event-type']?.toString()).toBe('OrderPaid');
  });

  it('reads a SelfManagedKafka event with Glue-framed values', () => {
    const batch = parseMskEvent(loadMskEvent(MskSamples.glueAvro));

    expect(batch.eventSource).toBe('SelfManagedKafka');
    expect(batch.eventSourceArn).toBeUndefined();
    expect(batch.partitions.flatMap((p) => p.records.map((r) => r.value?.[0]))).toEqual([0x03, 0x03]);
  });

  it('keeps the schema registry metadata of the event source mapping', () => {
    const record = parseMskEvent(loadMskEvent(MskSamples.schemaRegistryJson)).partitions[0]?.records[0];

    expect(record?.valueSchemaMetadata).toEqual({ dataFormat: 'AVRO', schemaId: '1' });
  });

  it('turns an absent key and a null value into nulls, and signed header bytes into octets', () => {
    const batch = parseMskEvent({
      eventSource: 'SelfManagedKafka',
      records: {
        't-0': [
          {
            topic: 't',
            partition: 0,
            offset: 3,
            timestamp: 1,
            value: null,
            headers: [{ h: [-1, 65] }, { h: [66] }],
          },
        ],
      },
    });

    const record = batch.partitions[0]?.records[0];
    expect(record?.key).toBeNull();
    expect(record?.value).toBeNull();
    expect(record?.headers).toEqual([
      ['h', Buffer.from([0xff, 65])],
      ['h', Buffer.from([66])],
    ]);
    expect(record?.headerMap.h).toEqual(Buffer.from([66]));
    expect(record?.header('h')).toBe('B');
    expect(record?.header('absent')).toBeUndefined();
  });

  it('reads one header as UTF-8 whether its bytes are ASCII, multi-byte or signed', () => {
    const bytes = (text: string) => [...Buffer.from(text)];
    const batch = parseMskEvent({
      eventSource: 'SelfManagedKafka',
      records: {
        't-0': [
          {
            topic: 't',
            partition: 0,
            offset: 1,
            timestamp: 1,
            value: null,
            headers: [
              { traceparent: bytes('00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01') },
              { city: bytes('Zürich') },
              { signed: [-61, -68] },
            ],
          },
        ],
      },
    });

    const record = batch.partitions[0]?.records[0];
    expect(record?.header('traceparent')).toBe('00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01');
    expect(record?.header('city')).toBe('Zürich');
    expect(record?.header('signed')).toBe('ü');
  });

  it('sorts records of a partition by offset', () => {
    const batch = parseMskEvent({
      eventSource: 'aws:kafka',
      records: {
        't-0': [
          { topic: 't', partition: 0, offset: 9, timestamp: 1, value: '' },
          { topic: 't', partition: 0, offset: 8, timestamp: 1, value: '' },
        ],
      },
    });

    expect(batch.partitions[0]?.records.map((r) => r.offset)).toEqual([8, 9]);
  });

  it('refuses an event that is not from a Kafka trigger', () => {
    expect(() => parseMskEvent({ Records: [] })).toThrow(MalformedEventError);
    expect(() => parseMskEvent({ eventSource: 'aws:kafka' })).toThrow(MalformedEventError);
  });
});
