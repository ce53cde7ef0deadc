import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

/** The order read model: one item per order, keyed by `orderId`. */
export function orderReadModelTableDefinition(tableName: string): CreateTableCommandInput {
  return {
    TableName: tableName,
    AttributeDefinitions: [{ AttributeName: 'orderId', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'orderId', KeyType: 'HASH' }],
    BillingMode: 'PAY_PER_REQUEST',
  };
}
