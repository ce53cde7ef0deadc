import { type DynamoDBClient, TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { type ConsumerRecord, type RecordHandler, RecordRejectedError } from '../lib/consumer/index.js';
import { OutboxTransactionCanceledError, type OutboxWriter } from '../lib/outbox/index.js';

export interface RequestFulfilmentOptions {
  /** Writes the shipping address (with the record's claim completion) on OrderPlaced. */
  readonly client: DynamoDBClient;
  /** Fulfilment requests table, partition key `orderId` (S). */
  readonly tableName: string;
  /** Writes FulfilmentRequested in the same transaction as the request (docs/architecture.md §1: never straight to Kafka). */
  readonly outbox: OutboxWriter;
  /** @default () => new Date() */
  readonly clock?: () => Date;
}

interface OrderPlaced {
  readonly orderId: string;
  /** PII: this consumer may decrypt it (it ships the parcel); null on orders placed without one. */
  readonly shippingAddress?: string | null;
}

interface OrderPaid {
  readonly orderId: string;
  readonly paymentId: string;
  readonly amountCents: number;
}

/**
 * Keeps each order's shipping address from OrderPlaced (the parcel's destination, read in clear by
 * this consumer alone) beside the request. Reacts to OrderPaid: records a fulfilment request and emits FulfilmentRequested through the
 * outbox, both in one DynamoDB transaction together with the claim's completion, so a crash after
 * the commit cannot run it again and an invocation whose claim was taken over writes nothing.
 * The request's conditional put makes a second attempt a no-op even if the idempotency record
 * were gone (another consumer group, an expired claim), so the event is emitted once.
 */
export function requestFulfilment(options: RequestFulfilmentOptions): RecordHandler {
  const clock = options.clock ?? (() => new Date());
  return async (record: ConsumerRecord) => {
    if (record.envelope?.eventType === 'OrderPlaced') {
      await keepShippingAddress(options, record);
      return;
    }
    if (record.envelope?.eventType !== 'OrderPaid') {
      throw new RecordRejectedError(
        `fulfilment reacts to OrderPlaced and OrderPaid only, got ${String(record.envelope?.eventType)}`,
      );
    }
    const paid = record.value as OrderPaid | null;
    if (!paid?.orderId) throw new RecordRejectedError('OrderPaid without an order id');
    const requestedAt = clock().toISOString();
    const fulfilmentId = `ful-${paid.orderId}`;
    try {
      await options.outbox.write({
        writes: [
          {
            // An update, not a put: the item may already hold the shipping address from OrderPlaced.
            Update: {
              TableName: options.tableName,
              Key: { orderId: { S: paid.orderId } },
              UpdateExpression:
                'SET fulfilmentId = :fulfilmentId, paymentId = :paymentId, amountCents = :amountCents, #status = :status, requestedAt = :requestedAt, causationId = :causationId',
              ConditionExpression: 'attribute_not_exists(fulfilmentId)',
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: {
                ':fulfilmentId': { S: fulfilmentId },
                ':paymentId': { S: paid.paymentId },
                ':amountCents': { N: String(paid.amountCents) },
                ':status': { S: 'REQUESTED' },
                ':requestedAt': { S: requestedAt },
                ':causationId': { S: record.envelope.eventId },
              },
            },
          },
          ...(record.completion ? [record.completion] : []),
        ],
        events: [
          {
            eventType: 'FulfilmentRequested',
            aggregateId: paid.orderId,
            payload: { orderId: paid.orderId, fulfilmentId, requestedAt },
            // The consumer's span for this record: the follow-up event continues the same trace.
            ...(record.traceparent ? { traceparent: record.traceparent } : {}),
          },
        ],
      });
    } catch (error) {
      if (alreadyRequested(error)) return;
      throw error;
    }
  };
}

/**
 * The address goes on the order's item whichever of OrderPlaced and OrderPaid arrives first (two
 * topics, no order between them); setting the same value again is harmless, so no condition.
 */
async function keepShippingAddress(options: RequestFulfilmentOptions, record: ConsumerRecord): Promise<void> {
  const placed = record.value as OrderPlaced | null;
  if (!placed?.orderId) throw new RecordRejectedError('OrderPlaced without an order id');
  if (!placed.shippingAddress) return;
  await options.client.send(
    new TransactWriteItemsCommand({
      TransactItems: [
        {
          Update: {
            TableName: options.tableName,
            Key: { orderId: { S: placed.orderId } },
            UpdateExpression: 'SET shippingAddress = :address',
            ExpressionAttributeValues: { ':address': { S: placed.shippingAddress } },
          },
        },
        ...(record.completion ? [record.completion] : []),
      ],
    }),
  );
}

/**
 * Only the request's own conditional update (the first write) failed: this order was handed to
 * fulfilment before. A cancelled completion (the claim was taken over) is not swallowed here: it
 * propagates, and the consumer reports it as ClaimTakenOverError for a retry.
 */
function alreadyRequested(error: unknown): boolean {
  return (
    error instanceof OutboxTransactionCanceledError &&
    error.reasons.length === 1 &&
    error.reasons[0]?.index === 0 &&
    error.reasons[0]?.code === 'ConditionalCheckFailed'
  );
}
