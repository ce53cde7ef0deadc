import { describe, expect, it } from 'vitest';
import { RecordRejectedError } from '../../../functions/lib/consumer/index.js';
import { buildDlqRecord, DlqHeaders } from '../../../functions/lib/dlq/index.js';

describe('buildDlqRecord', () => {
  it('adds every DLQ header of docs/architecture.md §2 and keeps repeated original headers', () => {
    const failedAt = new Date('2026-11-24T13:00:00.000Z');

    const message = buildDlqRecord(
      {
        topic: 'orders.order.placed',
        partition: 4,
        offset: 1234,
        timestamp: Date.parse('2026-11-24T12:59:59.000Z'),
        key: null,
        value: Buffer.from([1, 2, 3]),
        headers: [
          ['h', Buffer.from('a')],
          ['h', Buffer.from('b')],
          ['empty', null],
        ],
      },
      {
        reason: 'handler-rejected',
        error: new RecordRejectedError('sku gone'),
        consumerGroup: 'fulfilment',
        failedAt,
      },
    );

    const text = (name: string) => message.headers[name]?.toString();
    expect(message.topic).toBe('orders.order.placed.dlq');
    expect(message.key).toBeNull();
    expect(message.headers.h).toEqual([Buffer.from('a'), Buffer.from('b')]);
    expect(message.headers.empty).toEqual(Buffer.alloc(0));
    expect({
      reason: text(DlqHeaders.reason),
      errorClass: text(DlqHeaders.errorClass),
      errorMessage: text(DlqHeaders.errorMessage),
      topic: text(DlqHeaders.originalTopic),
      partition: text(DlqHeaders.originalPartition),
      offset: text(DlqHeaders.originalOffset),
      timestamp: text(DlqHeaders.originalTimestamp),
      group: text(DlqHeaders.consumerGroup),
      failedAt: text(DlqHeaders.failedAt),
    }).toEqual({
      reason: 'handler-rejected',
      errorClass: 'RecordRejectedError',
      errorMessage: 'sku gone',
      topic: 'orders.order.placed',
      partition: '4',
      offset: '1234',
      timestamp: '2026-11-24T12:59:59.000Z',
      group: 'fulfilment',
      failedAt: '2026-11-24T13:00:00.000Z',
    });
  });
});
