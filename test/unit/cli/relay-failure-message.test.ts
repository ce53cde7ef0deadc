import { describe, expect, it } from 'vitest';
import { parseFailureMessage } from '../../../local/relay-failures/failure-message.js';

describe('parseFailureMessage', () => {
  it("reads the shard and sequence range of Lambda's invocation record for a discarded batch", () => {
    const body = JSON.stringify({
      requestContext: { condition: 'RecordAgeExceeded' },
      timestamp: '2026-12-06T10:00:00.000Z',
      DDBStreamBatchInfo: {
        shardId: 'shardId-1',
        streamArn: 'arn:stream',
        startSequenceNumber: '100',
        endSequenceNumber: '200',
        batchSize: 3,
      },
    });

    expect(parseFailureMessage(body)).toEqual({
      kind: 'batch',
      shardId: 'shardId-1',
      streamArn: 'arn:stream',
      startSequenceNumber: '100',
      endSequenceNumber: '200',
      batchSize: 3,
      condition: 'RecordAgeExceeded',
      at: '2026-12-06T10:00:00.000Z',
    });
  });

  it("reads the outbox key from the image of the relay's own failure record", () => {
    const body = JSON.stringify({
      reason: 'message-too-large',
      errorClass: 'MessageTooLargeError',
      errorMessage: 'too big',
      eventId: 'e-1',
      topic: 'orders.order.placed',
      sequenceNumber: '7',
      newImage: { pk: { S: 'Order#o-1' }, sk: { S: 'e-1' }, payload: { S: '{}' } },
      failedAt: '2026-12-06T10:00:00.000Z',
    });

    expect(parseFailureMessage(body)).toEqual({
      kind: 'record',
      reason: 'message-too-large',
      error: 'MessageTooLargeError: too big',
      at: '2026-12-06T10:00:00.000Z',
      sequenceNumber: '7',
      eventId: 'e-1',
      topic: 'orders.order.placed',
      key: { pk: { S: 'Order#o-1' }, sk: { S: 'e-1' } },
    });
  });

  it('answers undefined for a body of neither shape', () => {
    expect(parseFailureMessage('not json')).toBeUndefined();
    expect(parseFailureMessage('{"hello":1}')).toBeUndefined();
    expect(parseFailureMessage('null')).toBeUndefined();
  });
});
