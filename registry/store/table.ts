import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

/**
 * The key schema both of the service's tables share: the id table (index-table.ts writes ID#,
 * FP#, subject and setting items) and the DEK table (dek-store.ts writes KEK and DEK items).
 * Each is one on-demand table keyed by string `pk` and `sk`, so one query lists a partition in
 * sort-key order. The CDK app and the local stack's ensureTable both create them from this
 * definition; it loads no SDK (the import is a type), so infra/ may import it.
 */
export function serviceTableDefinition(tableName: string): CreateTableCommandInput {
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
