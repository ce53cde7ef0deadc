import { type AttributeValue, type DynamoDBClient, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { type ConsumerRecord, type RecordHandler, RecordRejectedError } from '../lib/consumer/index.js';
import { isAwsError } from '../lib/errors/index.js';
import {
  type OrderCancelled,
  type OrderPaid,
  type OrderPlaced,
  type OrderStatus,
  OrderStatuses,
  statusRank,
} from './events.js';

export interface OrderProjectionOptions {
  readonly client: DynamoDBClient;
  /** Read model table, partition key `orderId` (S). */
  readonly tableName: string;
}

interface Change {
  readonly orderId: string;
  readonly status: OrderStatus;
  readonly fields: Readonly<Record<string, AttributeValue>>;
}

/**
 * Keeps one read-model item per order from the placed, paid and cancelled events. The three
 * topics are ordered per order within each topic only, so the status moves forward by rank
 * and an event arriving late fills in its fields without rolling the status back.
 *
 * It does not put `record.completion` in a transaction, because its write is safe to repeat: each
 * event SETs its own fields to values taken from the event alone, and the status only moves to a
 * higher rank. Applying an event a second time (a crash after the update, before the claim's
 * completion; a zombie after its lease ran out) leaves the item as the first application did,
 * whatever happened in between. A handler that counts, appends or emits must fence instead.
 */
export function orderProjection(options: OrderProjectionOptions): RecordHandler {
  return async (record) => {
    const change = toChange(record);
    try {
      await update(options, change, true);
    } catch (error) {
      if (!isAwsError(error, 'ConditionalCheckFailedException')) throw error;
      await update(options, change, false);
    }
  };
}

function toChange(record: ConsumerRecord): Change {
  const eventType = record.envelope?.eventType;
  if (record.value === null) throw new RecordRejectedError('the order read model has no use for tombstones');
  switch (eventType) {
    case 'OrderPlaced': {
      const placed = record.value as OrderPlaced;
      return {
        orderId: required(placed.orderId),
        status: OrderStatuses.placed,
        fields: {
          customerId: { S: placed.customerId },
          totalCents: { N: String(placed.totalCents) },
          currency: { S: placed.currency },
          lineCount: { N: String(placed.lines.length) },
          placedAt: { N: String(placed.placedAt) },
        },
      };
    }
    case 'OrderPaid': {
      const paid = record.value as OrderPaid;
      return {
        orderId: required(paid.orderId),
        status: OrderStatuses.paid,
        fields: {
          paymentId: { S: paid.paymentId },
          paidCents: { N: String(paid.amountCents) },
          paidAt: { N: String(paid.paidAt) },
        },
      };
    }
    case 'OrderCancelled': {
      const cancelled = record.value as OrderCancelled;
      return {
        orderId: required(cancelled.order_id),
        status: OrderStatuses.cancelled,
        fields: {
          cancelReason: { S: cancelled.reason },
          cancelledAt: { N: String(cancelled.cancelled_at) },
        },
      };
    }
    default:
      throw new RecordRejectedError(`order projection does not handle event type ${String(eventType)}`);
  }
}

function required(orderId: string | undefined): string {
  if (!orderId) throw new RecordRejectedError('event has no order id');
  return orderId;
}

async function update(options: OrderProjectionOptions, change: Change, withStatus: boolean): Promise<void> {
  const names: Record<string, string> = {};
  const values: Record<string, AttributeValue> = {};
  const sets: string[] = [];
  for (const [index, [field, value]] of Object.entries(change.fields).entries()) {
    names[`#f${index}`] = field;
    values[`:f${index}`] = value;
    sets.push(`#f${index} = :f${index}`);
  }
  if (withStatus) {
    names['#status'] = 'status';
    values[':status'] = { S: change.status };
    values[':rank'] = { N: String(statusRank[change.status]) };
    sets.push('#status = :status', 'statusRank = :rank');
  }
  await options.client.send(
    new UpdateItemCommand({
      TableName: options.tableName,
      Key: { orderId: { S: change.orderId } },
      UpdateExpression: `SET ${sets.join(', ')}`,
      ...(withStatus
        ? { ConditionExpression: 'attribute_not_exists(statusRank) OR statusRank < :rank' }
        : {}),
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    }),
  );
}
