import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { type Attribute, AttributeType } from 'aws-cdk-lib/aws-dynamodb';

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
