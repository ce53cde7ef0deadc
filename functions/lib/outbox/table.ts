import type {
  AttributeDefinition,
  CreateTableCommandInput,
  GlobalSecondaryIndex,
  UpdateTimeToLiveCommandInput,
} from '@aws-sdk/client-dynamodb';
import { OutboxAttributes, type OutboxIndex, OutboxIndexes } from './attributes.js';

export interface OutboxTableOptions {
  /**
   * The trace indexes to declare (`OutboxIndexes`): `true` both, `false` none, or a list. Each
   * KEYS_ONLY entry is the keys and about 100 bytes, so every insert costs one more write unit
   * per index.
   * @default true
   */
  readonly traceIndexes?: boolean | readonly OutboxIndex[];
}

const indexKeys: Record<OutboxIndex, AttributeDefinition> = {
  [OutboxIndexes.byEventId]: { AttributeName: OutboxAttributes.sortKey, AttributeType: 'S' },
  [OutboxIndexes.byTraceparent]: { AttributeName: OutboxAttributes.traceparent, AttributeType: 'S' },
};

/**
 * The outbox table: on-demand, key of item.ts, stream with NEW_IMAGE (the relay needs
 * only what was inserted), and the trace indexes. TTL is turned on after creation, with
 * outboxTimeToLive.
 */
export function outboxTableDefinition(
  tableName: string,
  options: OutboxTableOptions = {},
): CreateTableCommandInput {
  const indexes = traceIndexesOf(options.traceIndexes ?? true);
  const attributes: AttributeDefinition[] = [
    { AttributeName: OutboxAttributes.partitionKey, AttributeType: 'S' },
    { AttributeName: OutboxAttributes.sortKey, AttributeType: 'S' },
  ];
  for (const index of indexes) {
    const key = indexKeys[index];
    if (!attributes.some((a) => a.AttributeName === key.AttributeName)) attributes.push(key);
  }
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: attributes,
    KeySchema: [
      { AttributeName: OutboxAttributes.partitionKey, KeyType: 'HASH' },
      { AttributeName: OutboxAttributes.sortKey, KeyType: 'RANGE' },
    ],
    ...(indexes.length > 0 ? { GlobalSecondaryIndexes: indexes.map(keysOnlyIndex) } : {}),
    StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' },
  };
}

function traceIndexesOf(option: boolean | readonly OutboxIndex[]): readonly OutboxIndex[] {
  if (option === true) return Object.values(OutboxIndexes);
  return option === false ? [] : option;
}

function keysOnlyIndex(index: OutboxIndex): GlobalSecondaryIndex {
  return {
    IndexName: index,
    KeySchema: [{ AttributeName: indexKeys[index].AttributeName, KeyType: 'HASH' }],
    Projection: { ProjectionType: 'KEYS_ONLY' },
  };
}

/** Turns on TTL for the outbox table: DynamoDB deletes items once `expiresAt` (epoch seconds) has passed. */
export function outboxTimeToLive(tableName: string): UpdateTimeToLiveCommandInput {
  return {
    TableName: tableName,
    TimeToLiveSpecification: { AttributeName: OutboxAttributes.ttl, Enabled: true },
  };
}
