import type { CreateTableCommandInput, UpdateTimeToLiveCommandInput } from '@aws-sdk/client-dynamodb';
import { OutboxAttributes } from './attributes.js';

/**
 * The outbox table: on-demand, key of item.ts, stream with NEW_IMAGE (the relay needs
 * only what was inserted). TTL is turned on after creation, with outboxTimeToLive.
 */
export function outboxTableDefinition(tableName: string): CreateTableCommandInput {
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [
      { AttributeName: OutboxAttributes.partitionKey, AttributeType: 'S' },
      { AttributeName: OutboxAttributes.sortKey, AttributeType: 'S' },
    ],
    KeySchema: [
      { AttributeName: OutboxAttributes.partitionKey, KeyType: 'HASH' },
      { AttributeName: OutboxAttributes.sortKey, KeyType: 'RANGE' },
    ],
    StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' },
  };
}

/** Turns on TTL for the outbox table: DynamoDB deletes items once `expiresAt` (epoch seconds) has passed. */
export function outboxTimeToLive(tableName: string): UpdateTimeToLiveCommandInput {
  return {
    TableName: tableName,
    TimeToLiveSpecification: { AttributeName: OutboxAttributes.ttl, Enabled: true },
  };
}
