import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

/**
 * The DEK registry's table: one on-demand table, items keyed by `pk` and `sk`:
 * - `KEK` / `<kek name>` → kmsType, kmsKeyId, kmsProps, doc, shared, ts, deleted
 * - `DEK#<kek name>` / `<subject, URI-encoded>#<algorithm>#<version, 10 digits>` → encryptedKeyMaterial, ts, deleted
 * One query lists the KEKs, one a KEK's DEKs, and one (a sort-key prefix) a subject's versions
 * of one algorithm in version order; encoding the subject keeps a `#` in it from meeting the separator.
 * The CDK app and the local stack both create it from this definition.
 */
export function dekTableDefinition(tableName: string): CreateTableCommandInput {
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
