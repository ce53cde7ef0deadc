import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Context, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { PiiScan } from '../../../local/pipeline/pii-scan.js';

const runId = 'eventline-e2e-abc';
const order = `${runId}-o000001`;
const pii = { customerEmail: 'customer-1@example.com', shippingAddress: '2 Demo Street, 1001 Exampletown' };
const unused = {} as DynamoDBClient;

function streamRecord(sequence: string, payload: Record<string, unknown>): DynamoDBRecord {
  return {
    eventName: 'INSERT',
    dynamodb: {
      SequenceNumber: sequence,
      NewImage: { aggregateId: { S: order }, payload: { S: JSON.stringify(payload) } },
    },
  };
}

describe('PiiScan', () => {
  it('finds a planted plaintext email and address in a raw Kafka record, and none in ciphertext', async () => {
    const scan = new PiiScan(runId);
    scan.placed(order, pii);
    const avroLike = Buffer.concat([
      Buffer.from([0, 0, 0, 0, 7]),
      Buffer.from(`${order}customer-7`),
      Buffer.from(pii.customerEmail),
      Buffer.from(pii.shippingAddress),
    ]);
    const encrypted = Buffer.concat([
      Buffer.from([0, 0, 0, 0, 7]),
      Buffer.from(Buffer.from(pii.customerEmail).toString('base64')),
    ]);

    scan.kafkaRecord(order, avroLike);
    scan.kafkaRecord(order, encrypted);
    scan.kafkaRecord('another-run-o000001', avroLike);

    expect(await scan.figures(unused, undefined)).toEqual({
      plaintextInKafka: 2,
      plaintextInOutboxStream: 0,
      readInClearByFulfilment: 0,
      scanned: { kafkaRecords: 2, streamRecords: 0 },
    });
  });

  it('scans each outbox stream record once, however often the relay is given it', async () => {
    const scan = new PiiScan(runId);
    scan.placed(order, pii);
    const relayed: number[] = [];
    const relay = scan.wrapStream(async (event: DynamoDBStreamEvent) => {
      relayed.push(event.Records.length);
      return { batchItemFailures: [] };
    });
    const event = {
      Records: [
        streamRecord('1', { orderId: order, shippingAddress: pii.shippingAddress }),
        streamRecord('2', { orderId: order, shippingAddress: 'AAAAAQ3x9k2ciphertext==' }),
      ],
    };

    await relay(event, {} as Context);
    await relay(event, {} as Context);

    expect(relayed).toEqual([2, 2]);
    expect(scan.plaintextInOutboxStream).toBe(1);
    expect(scan.streamRecords).toBe(2);
  });
});
