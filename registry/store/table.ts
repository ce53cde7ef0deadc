import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

/**
 * The service's id table: one on-demand table, items keyed by `pk` and `sk` (index-table.ts
 * writes ID#, FP#, subject and setting items under them). The CDK app and the local
 * stack's ensureTable both create it from this definition.
 */
export function registryTableDefinition(tableName: string): CreateTableCommandInput {
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [
      { AttributeName: 'pk', AttributeType: 'S' },
      { AttributeName: 'sk', AttributeType: 'S' },
    ],
    KeySchema: [
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ],
  };
}
