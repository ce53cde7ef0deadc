import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import type { LambdaHandler } from '../triggers/index.js';
import { ofRun } from './run-identity.js';
import { scanRun } from './run-scan.js';

/** The demo order's PII values in clear, as the producer placed them. */
export interface OrderPii {
  readonly customerEmail: string;
  readonly shippingAddress: string;
}

/** What the bounded run's summary says about PII: where it was seen in clear, and who read it so. */
export interface PiiFigures {
  /** PII plaintext values of this run's orders found in its raw Kafka records: must be 0. */
  readonly plaintextInKafka: number;
  /** Likewise in the outbox stream records the relay was given: must be 0. */
  readonly plaintextInOutboxStream: number;
  /** The shipping addresses the fulfilment consumer read in clear (decrypted and stored): above 0. */
  readonly readInClearByFulfilment: number;
  /** Records scanned, so a 0 above is not a scan of nothing. */
  readonly scanned: { readonly kafkaRecords: number; readonly streamRecords: number };
}

/**
 * Knows the PII each demo order carried in clear and counts those plaintexts wherever the run can
 * see bytes that should hold only ciphertext: the raw Kafka records and the outbox stream. A
 * record is searched for its own order's values (its key, or the stream item's aggregate id), so
 * the scan stays linear in the number of records.
 */
export class PiiScan {
  private readonly byOrder = new Map<string, OrderPii>();
  private readonly streamSeen = new Set<string>();
  plaintextInKafka = 0;
  plaintextInOutboxStream = 0;
  kafkaRecords = 0;
  streamRecords = 0;

  constructor(private readonly runId: string) {}

  /** The demo producer placed an order with these PII values. */
  placed(orderId: string, pii: OrderPii): void {
    this.byOrder.set(orderId, pii);
  }

  /** How many of the order's PII values `text` holds in clear. */
  plaintextIn(orderId: string, text: string): number {
    const pii = this.byOrder.get(orderId);
    if (pii === undefined) return 0;
    return (text.includes(pii.customerEmail) ? 1 : 0) + (text.includes(pii.shippingAddress) ? 1 : 0);
  }

  /** A raw record of an event topic or DLQ, as the Kafka tap read it. */
  kafkaRecord(key: string | undefined, value: Buffer | null): void {
    if (key === undefined || !ofRun(this.runId, key)) return;
    this.kafkaRecords++;
    if (value !== null) this.plaintextInKafka += this.plaintextIn(key, value.toString('utf8'));
  }

  /** Scans each outbox stream record the relay is given, once (a retried batch brings it again). */
  wrapStream(handler: LambdaHandler<DynamoDBStreamEvent>): LambdaHandler<DynamoDBStreamEvent> {
    return async (event, context) => {
      for (const record of event.Records) {
        const orderId = record.dynamodb?.NewImage?.aggregateId?.S;
        const sequence = record.dynamodb?.SequenceNumber ?? '';
        if (!orderId || !ofRun(this.runId, orderId) || this.streamSeen.has(sequence)) continue;
        this.streamSeen.add(sequence);
        this.streamRecords++;
        this.plaintextInOutboxStream += this.plaintextIn(orderId, JSON.stringify(record.dynamodb));
      }
      return handler(event, context);
    };
  }

  /** The figures, with the fulfilment table read for the addresses it holds in clear. */
  async figures(dynamodb: DynamoDBClient, fulfilmentTable: string | undefined): Promise<PiiFigures> {
    return {
      plaintextInKafka: this.plaintextInKafka,
      plaintextInOutboxStream: this.plaintextInOutboxStream,
      readInClearByFulfilment: fulfilmentTable ? await this.addressesInClear(dynamodb, fulfilmentTable) : 0,
      scanned: { kafkaRecords: this.kafkaRecords, streamRecords: this.streamRecords },
    };
  }

  private async addressesInClear(dynamodb: DynamoDBClient, table: string): Promise<number> {
    let clear = 0;
    const pages = scanRun(
      dynamodb,
      table,
      { runId: this.runId, attribute: 'orderId' },
      { ProjectionExpression: 'orderId, shippingAddress' },
    );
    for await (const page of pages) {
      for (const item of page.Items ?? []) {
        const orderId = item.orderId?.S ?? '';
        const address = item.shippingAddress?.S;
        if (address !== undefined && address === this.byOrder.get(orderId)?.shippingAddress) clear++;
      }
    }
    return clear;
  }
}
