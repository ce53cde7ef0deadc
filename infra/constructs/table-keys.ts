import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import {
  type Attribute,
  AttributeType,
  type GlobalSecondaryIndexPropsV2,
  ProjectionType,
} from 'aws-cdk-lib/aws-dynamodb';

const attributeTypes = { S: AttributeType.STRING, N: AttributeType.NUMBER, B: AttributeType.BINARY } as const;

/**
 * The partition and sort key of a table as the runtime library defines it for the local
 * stack, so the deployed table and the code that reads it share one key schema.
 */
export function keysFromDefinition(definition: CreateTableCommandInput): {
  partitionKey: Attribute;
  sortKey?: Attribute;
} {
  const attribute = (keyType: 'HASH' | 'RANGE'): Attribute | undefined => {
    const name = definition.KeySchema?.find((key) => key.KeyType === keyType)?.AttributeName;
    if (!name) return undefined;
    const type = definition.AttributeDefinitions?.find((a) => a.AttributeName === name)?.AttributeType;
    if (!type) throw new Error(`table definition ${definition.TableName}: key ${name} has no attribute type`);
    return { name, type: attributeTypes[type] };
  };
  const partitionKey = attribute('HASH');
  if (!partitionKey) throw new Error(`table definition ${definition.TableName} has no partition key`);
  const sortKey = attribute('RANGE');
  return sortKey ? { partitionKey, sortKey } : { partitionKey };
}

const projectionTypes = {
  ALL: ProjectionType.ALL,
  KEYS_ONLY: ProjectionType.KEYS_ONLY,
  INCLUDE: ProjectionType.INCLUDE,
} as const;

/** The global secondary indexes of a table definition, as TableV2 declares them. */
export function indexesFromDefinition(definition: CreateTableCommandInput): GlobalSecondaryIndexPropsV2[] {
  return (definition.GlobalSecondaryIndexes ?? []).map((index) => {
    const keys = keysFromDefinition({ ...definition, KeySchema: index.KeySchema });
    const projection = index.Projection?.ProjectionType ?? 'ALL';
    return {
      indexName: index.IndexName as string,
      ...keys,
      projectionType: projectionTypes[projection],
      ...(index.Projection?.NonKeyAttributes ? { nonKeyAttributes: index.Projection.NonKeyAttributes } : {}),
    };
  });
}
