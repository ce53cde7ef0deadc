import { readFileSync } from 'node:fs';
import {
  ConditionalCheckFailedException,
  CreateTableCommand,
  DynamoDBClient,
  PutItemCommand,
} from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
} from '@aws-sdk/client-dynamodb-streams';
import { describe, expect, it } from 'vitest';
import { logFile } from '../../../local/stack/paths.js';
import { localClientConfig, uniqueName } from '../../support/local-aws.js';

describe('DynamoDB Local', () => {
  const dynamodb = new DynamoDBClient(localClientConfig('dynamodb'));
  const streams = new DynamoDBStreamsClient(localClientConfig('dynamodb'));

  it('refuses a second conditional put and streams the first as an INSERT', async () => {
    const table = uniqueName('smoke');
    const created = await dynamodb.send(
      new CreateTableCommand({
        TableName: table,
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
        StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' },
      }),
    );
    const put = new PutItemCommand({
      TableName: table,
      Item: { pk: { S: 'order-1' }, total: { N: '42' } },
      ConditionExpression: 'attribute_not_exists(pk)',
    });

    await dynamodb.send(put);
    const second = dynamodb.send(put);

    await expect(second).rejects.toBeInstanceOf(ConditionalCheckFailedException);
    const streamArn = created.TableDescription?.LatestStreamArn;
    const stream = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
    const iterator = await streams.send(
      new GetShardIteratorCommand({
        StreamArn: streamArn,
        ShardId: stream.StreamDescription?.Shards?.[0]?.ShardId,
        ShardIteratorType: 'TRIM_HORIZON',
      }),
    );
    const { Records } = await streams.send(new GetRecordsCommand({ ShardIterator: iterator.ShardIterator }));
    expect(Records).toHaveLength(1);
    expect(Records?.[0]?.eventName).toBe('INSERT');
    expect(Records?.[0]?.dynamodb?.NewImage).toEqual({ pk: { S: 'order-1' }, total: { N: '42' } });
  });

  // Without the indexes every write to a streamed table scans all older stream records: the
  // launcher reaches into DynamoDB Local's internals to add them and logs whether it could.
  it('runs with its stream records table indexed by the launcher', () => {
    // The log is appended to: read what the running instance wrote since it started.
    const whole = readFileSync(logFile('dynamodb'), 'utf8');
    const log = whole.slice(whole.lastIndexOf('Initializing DynamoDB Local'));

    expect(log).toContain('eventline: stream records table indexed');
    expect(log).not.toContain('stream records table not indexed');
  });
});
