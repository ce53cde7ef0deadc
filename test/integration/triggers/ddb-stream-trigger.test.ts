import {
  CreateTableCommand,
  DeleteItemCommand,
  DeleteTableCommand,
  DynamoDBClient,
  PutItemCommand,
} from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { CreateQueueCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DynamoDbPositionStore,
  DynamoDbStreamTrigger,
  type DynamoDbStreamTriggerOptions,
} from '../../../local/triggers/index.js';
import { localClientConfig, uniqueName } from '../../support/local-aws.js';
import { waitFor } from '../../support/wait-for.js';

const dynamodb = new DynamoDBClient(localClientConfig('dynamodb'));
const streams = new DynamoDBStreamsClient(localClientConfig('dynamodb'));
const sqs = new SQSClient(localClientConfig('moto'));

async function streamTable(): Promise<{ table: string; streamArn: string }> {
  const table = uniqueName('trig');
  const created = await dynamodb.send(
    new CreateTableCommand({
      TableName: table,
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' },
    }),
  );
  return { table, streamArn: created.TableDescription?.LatestStreamArn as string };
}

async function put(table: string, ...ids: string[]): Promise<void> {
  for (const id of ids)
    await dynamodb.send(new PutItemCommand({ TableName: table, Item: { pk: { S: id } } }));
}

const ids = (event: DynamoDBStreamEvent): string[] =>
  event.Records.map((r) => r.dynamodb?.NewImage?.pk?.S ?? String(r.eventName));

describe('DynamoDbStreamTrigger', () => {
  const triggers: DynamoDbStreamTrigger[] = [];
  const start = (options: Omit<DynamoDbStreamTriggerOptions, 'streams' | 'functionName'>) => {
    const trigger = new DynamoDbStreamTrigger({
      streams,
      functionName: 'test-fn',
      pollIntervalMs: 50,
      ...options,
    });
    triggers.push(trigger);
    trigger.start();
    return trigger;
  };
  afterEach(async () => {
    await Promise.all(triggers.splice(0).map((t) => t.stop()));
  });

  // Batch size: https://docs.aws.amazon.com/lambda/latest/dg/services-ddb-params.html (BatchSize);
  // filter: https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventfiltering.html.
  it('delivers only INSERT records, in order, in batches of at most BatchSize', async () => {
    const { table, streamArn } = await streamTable();
    await put(table, 'a', 'b', 'c');
    await dynamodb.send(new DeleteItemCommand({ TableName: table, Key: { pk: { S: 'b' } } }));
    await put(table, 'd');
    const batches: string[][] = [];

    start({
      streamArn,
      batchSize: 2,
      filters: [{ eventName: ['INSERT'] }],
      handler: async (event: DynamoDBStreamEvent) => {
        batches.push(ids(event));
        expect(event.Records[0]).toMatchObject({ eventSource: 'aws:dynamodb', eventSourceARN: streamArn });
      },
    });
    await waitFor(() => batches.flat().length === 4, { what: 'four records' });

    expect(batches.flat()).toEqual(['a', 'b', 'c', 'd']);
    expect(batches.every((b) => b.length <= 2)).toBe(true);
  });

  // https://docs.aws.amazon.com/lambda/latest/dg/services-ddb-batchfailurereporting.html: Lambda
  // checkpoints at the lowest reported sequence number and retries from there.
  it('retries from the lowest failed sequence number of a partial batch response', async () => {
    const { table, streamArn } = await streamTable();
    await put(table, 'a', 'b', 'c', 'd');
    const batches: string[][] = [];

    start({
      streamArn,
      reportBatchItemFailures: true,
      handler: async (event: DynamoDBStreamEvent) => {
        batches.push(ids(event));
        if (batches.length > 1) return {};
        const failed = [event.Records[3], event.Records[2]].map((r) => ({
          itemIdentifier: r?.dynamodb?.SequenceNumber,
        }));
        return { batchItemFailures: failed };
      },
    });
    await waitFor(() => batches.length === 2, { what: 'the retry' });

    expect(batches).toEqual([
      ['a', 'b', 'c', 'd'],
      ['c', 'd'],
    ]);
  });

  // https://docs.aws.amazon.com/lambda/latest/dg/with-ddb.html#services-dynamodb-errors: after the
  // retries, an invocation record describing the batch goes to the on-failure destination and the
  // stream moves on.
  it('sends an invocation record to the SQS on-failure destination once retries are exhausted', async () => {
    const { table, streamArn } = await streamTable();
    const queue = await sqs.send(new CreateQueueCommand({ QueueName: uniqueName('ddb-dlq') }));
    await put(table, 'poison', 'next');
    const seen: string[] = [];

    start({
      streamArn,
      batchSize: 1,
      maximumRetryAttempts: 1,
      onFailure: { sqs, queueUrl: queue.QueueUrl as string },
      handler: async (event: DynamoDBStreamEvent) => {
        seen.push(...ids(event));
        if (ids(event).includes('poison')) throw new Error('cannot relay');
      },
    });
    await waitFor(() => seen.includes('next'), { what: 'the stream to move past the poison record' });
    const received = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queue.QueueUrl, WaitTimeSeconds: 1 }),
    );

    expect(seen).toEqual(['poison', 'poison', 'next']);
    const body = JSON.parse(received.Messages?.[0]?.Body ?? '{}');
    expect(body).toMatchObject({
      requestContext: { condition: 'RetryAttemptsExhausted', approximateInvokeCount: 2 },
      responseContext: { functionError: 'Unhandled' },
      DDBStreamBatchInfo: { batchSize: 1, streamArn },
    });
  });

  // https://docs.aws.amazon.com/lambda/latest/dg/services-ddb-params.html (BisectBatchOnFunctionError).
  it('bisects a failing batch so the good records around a poison record are delivered', async () => {
    const { table, streamArn } = await streamTable();
    await put(table, 'a', 'b', 'poison', 'd');
    const delivered: string[] = [];

    start({
      streamArn,
      bisectBatchOnFunctionError: true,
      maximumRetryAttempts: 0,
      handler: async (event: DynamoDBStreamEvent) => {
        if (ids(event).includes('poison')) throw new Error('poison');
        delivered.push(...ids(event));
      },
    });
    await waitFor(() => delivered.includes('d'), { what: 'the last good record' });

    expect(delivered).toEqual(['a', 'b', 'd']);
  });

  // An event source mapping keeps its position: a restarted poller goes on after the last
  // record it finished, not from its StartingPosition again.
  it('resumes after the last finished record, the records its filters dropped included, when started again', async () => {
    const { table, streamArn } = await streamTable();
    const positionsTable = uniqueName('trig-positions');
    await DynamoDbPositionStore.ensureTable(dynamodb, positionsTable);
    const positions = () =>
      new DynamoDbPositionStore({ dynamodb, tableName: positionsTable, mappingId: 'Mapping1', streamArn });
    await put(table, 'a', 'b', 'c');
    await dynamodb.send(new DeleteItemCommand({ TableName: table, Key: { pk: { S: 'c' } } }));
    const first: string[] = [];
    const firstRun = start({
      streamArn,
      startingPosition: 'TRIM_HORIZON',
      filters: [{ eventName: ['INSERT'] }],
      positions: positions(),
      handler: async (event: DynamoDBStreamEvent) => {
        first.push(...ids(event));
      },
    });
    await waitFor(() => first.length === 3, { what: 'the first run' });
    await firstRun.stop();
    await put(table, 'd');

    // Without filters now, so the REMOVE the first run filtered out would show if it were read again.
    const second: string[] = [];
    start({
      streamArn,
      startingPosition: 'TRIM_HORIZON',
      positions: positions(),
      handler: async (event: DynamoDBStreamEvent) => {
        second.push(...ids(event));
      },
    });
    await waitFor(() => second.length > 0, { what: 'the second run' });

    expect(first).toEqual(['a', 'b', 'c']);
    expect(second).toEqual(['d']);
    const other = await new DynamoDbPositionStore({
      dynamodb,
      tableName: positionsTable,
      mappingId: 'Mapping2',
      streamArn,
    }).load();
    expect(other.size).toBe(0);
    await dynamodb.send(new DeleteTableCommand({ TableName: positionsTable }));
  });
});
