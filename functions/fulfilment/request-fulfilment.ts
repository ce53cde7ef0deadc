import { type ConsumerRecord, type RecordHandler, RecordRejectedError } from '../lib/consumer/index.js';
import { OutboxTransactionCanceledError, type OutboxWriter } from '../lib/outbox/index.js';

export interface RequestFulfilmentOptions {
  /** Fulfilment requests table, partition key `orderId` (S). */
  readonly tableName: string;
  /** Writes FulfilmentRequested in the same transaction as the request (docs/architecture.md §1: never straight to Kafka). */
  readonly outbox: OutboxWriter;
  /** @default () => new Date() */
  readonly clock?: () => Date;
}

interface OrderPaid {
  readonly orderId: string;
  readonly paymentId: string;
  readonly amountCents: number;
}

/**
 * Reacts to OrderPaid: records a fulfilment request and emits FulfilmentRequested through the
 * outbox, both in one DynamoDB transaction together with the claim's completion, so a crash after
 * the commit cannot run it again and an invocation whose claim was taken over writes nothing.
 * The request's conditional put makes a second attempt a no-op even if the idempotency record
 * were gone (another consumer group, an expired claim), so the event is emitted once.
 */
export function requestFulfilment(options: RequestFulfilmentOptions): RecordHandler {
  const clock = options.clock ?? (() => new Date());
  return async (record: ConsumerRecord) => {
    if (record.envelope?.eventType !== 'OrderPaid') {
      throw new RecordRejectedError(
        `fulfilment reacts to OrderPaid only, got ${String(record.envelope?.eventType)}`,
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
            Put: {
              TableName: options.tableName,
              Item: {
                orderId: { S: paid.orderId },
                fulfilmentId: { S: fulfilmentId },
                paymentId: { S: paid.paymentId },
                amountCents: { N: String(paid.amountCents) },
                status: { S: 'REQUESTED' },
                requestedAt: { S: requestedAt },
                causationId: { S: record.envelope.eventId },
              },
              ConditionExpression: 'attribute_not_exists(orderId)',
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
 * Only the request's own conditional put (the first write) failed: this order was handed to
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
