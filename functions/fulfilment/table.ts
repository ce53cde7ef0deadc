import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

/** Fulfilment requests: one per order, keyed by `orderId`. */
export function fulfilmentTableDefinition(tableName: string): CreateTableCommandInput {
  return {
    TableName: tableName,
    AttributeDefinitions: [{ AttributeName: 'orderId', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'orderId', KeyType: 'HASH' }],
    BillingMode: 'PAY_PER_REQUEST',
  };
}
