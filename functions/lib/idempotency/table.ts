import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

/** The idempotency table's key schema, for the local stack and tests (infra declares the same in CDK). */
export function idempotencyTableDefinition(tableName: string): CreateTableCommandInput {
  return {
    TableName: tableName,
    AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    BillingMode: 'PAY_PER_REQUEST',
  };
}

/** The attribute DynamoDB TTL should be enabled on. */
export const idempotencyTtlAttribute = 'expiresAt';
