import type { _Record } from '@aws-sdk/client-dynamodb-streams';
import type { KafkaMessage } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import {
  lowestFailedSequenceIndex,
  toLambdaDynamoDbRecord,
} from '../../../local/triggers/ddb-stream-event.js';
import { InvalidBatchResponseError } from '../../../local/triggers/errors.js';
import { firstFailedKafkaIndex, toMskEvent } from '../../../local/triggers/msk-event.js';

describe('DynamoDB Streams event', () => {
  // Field by field as the sample in https://docs.aws.amazon.com/lambda/latest/dg/with-ddb.html.
  it('builds the record Lambda delivers from a GetRecords record', () => {
    const sdk: _Record = {
      eventID: 'e1',
      eventName: 'INSERT',
      eventVersion: '1.1',
      eventSource: 'aws:dynamodb',
      awsRegion: 'us-east-1',
      dynamodb: {
        ApproximateCreationDateTime: new Date('2026-01-01T00:00:00.900Z'),
        Keys: { pk: { S: 'a' } },
        NewImage: {
          pk: { S: 'a' },
          n: { N: '1' },
          b: { B: Buffer.from('hi') },
          m: { M: { l: { L: [{ BOOL: true }] } } },
        },
        SequenceNumber: '100',
        SizeBytes: 20,
        StreamViewType: 'NEW_IMAGE',
      },
    };

    const record = toLambdaDynamoDbRecord(sdk, 'arn:stream');

    expect(record).toEqual({
      eventID: 'e1',
      eventName: 'INSERT',
      eventVersion: '1.1',
      eventSource: 'aws:dynamodb',
      awsRegion: 'us-east-1',
      eventSourceARN: 'arn:stream',
      dynamodb: {
        ApproximateCreationDateTime: 1767225600,
        Keys: { pk: { S: 'a' } },
        NewImage: {
          pk: { S: 'a' },
          n: { N: '1' },
          b: { B: 'aGk=' },
          m: { M: { l: { L: [{ BOOL: true }] } } },
        },
        SequenceNumber: '100',
        SizeBytes: 20,
        StreamViewType: 'NEW_IMAGE',
      },
    });
  });

  it('rejects a partial batch response naming a sequence number outside the batch', () => {
    const records = [{ dynamodb: { SequenceNumber: '1' } }];

    expect(() => lowestFailedSequenceIndex(records, { batchItemFailures: [{ itemIdentifier: '' }] })).toThrow(
      InvalidBatchResponseError,
    );
    expect(lowestFailedSequenceIndex(records, { batchItemFailures: [] })).toBeUndefined();
    expect(lowestFailedSequenceIndex(records, null)).toBeUndefined();
  });
});

describe('MSK event', () => {
  const message = (offset: string, key: string | null): KafkaMessage =>
    ({
      key: key === null ? null : Buffer.from(key),
      value: Buffer.from('{"key":"value"}'),
      timestamp: '1545084650987',
      attributes: 0,
      offset,
      headers: { headerKey: Buffer.from('headerValue') },
    }) as KafkaMessage;

  // Field by field as "Example Amazon MSK event" in https://docs.aws.amazon.com/lambda/latest/dg/with-msk.html.
  it('groups records by topic-partition with base64 key and value and header byte arrays', () => {
    const event = toMskEvent({ eventSourceArn: 'arn:cluster', bootstrapServers: 'b-1:9092,b-2:9092' }, [
      { topic: 'mytopic', partition: 0, message: message('15', 'recordKey') },
      { topic: 'mytopic', partition: 1, message: message('3', null) },
    ]);

    expect(event).toEqual({
      eventSource: 'aws:kafka',
      eventSourceArn: 'arn:cluster',
      bootstrapServers: 'b-1:9092,b-2:9092',
      records: {
        'mytopic-0': [
          {
            topic: 'mytopic',
            partition: 0,
            offset: 15,
            timestamp: 1545084650987,
            timestampType: 'CREATE_TIME',
            key: 'cmVjb3JkS2V5',
            value: 'eyJrZXkiOiJ2YWx1ZSJ9',
            headers: [{ headerKey: [104, 101, 97, 100, 101, 114, 86, 97, 108, 117, 101] }],
          },
        ],
        'mytopic-1': [
          {
            topic: 'mytopic',
            partition: 1,
            offset: 3,
            timestamp: 1545084650987,
            timestampType: 'CREATE_TIME',
            value: 'eyJrZXkiOiJ2YWx1ZSJ9',
            headers: [{ headerKey: [104, 101, 97, 100, 101, 114, 86, 97, 108, 117, 101] }],
          },
        ],
      },
    });
  });

  // https://docs.aws.amazon.com/lambda/latest/dg/kafka-retry-configurations.html: itemIdentifier names
  // the `<topic>-<partition>` key and the offset.
  it('reads the Kafka partial batch response itemIdentifier object', () => {
    const records = [0, 1, 2].map((o) => ({ topic: 't', partition: 2, message: message(String(o), 'k') }));

    expect(
      firstFailedKafkaIndex(records, {
        batchItemFailures: [{ itemIdentifier: { partition: 't-2', offset: 1 } }],
      }),
    ).toBe(1);
    expect(() => firstFailedKafkaIndex(records, { batchItemFailures: [{ itemIdentifier: '1' }] })).toThrow(
      InvalidBatchResponseError,
    );
  });
});
