import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { DynamoDBRecord } from 'aws-lambda';
import type { Discarded } from './batch-runner.js';

export interface SqsFailureDestination {
  readonly sqs: SQSClient;
  readonly queueUrl: string;
}

export interface InvocationRecordContext {
  readonly functionArn: string;
  readonly requestId: string;
  readonly shardId: string;
  readonly streamArn: string;
}

/**
 * The invocation record Lambda sends to a stream mapping's on-failure destination: metadata
 * about the discarded batch, not the records themselves (shape of "Example invocation record"
 * in https://docs.aws.amazon.com/lambda/latest/dg/with-ddb.html#services-dynamodb-errors).
 */
export function invocationRecord(discarded: Discarded<DynamoDBRecord>, context: InvocationRecordContext) {
  const first = discarded.records[0]?.dynamodb;
  const last = discarded.records[discarded.records.length - 1]?.dynamodb;
  const arrival = (seconds?: number) =>
    seconds === undefined ? undefined : new Date(seconds * 1000).toISOString();
  return {
    requestContext: {
      requestId: context.requestId,
      functionArn: context.functionArn,
      condition: discarded.condition,
      approximateInvokeCount: discarded.attempts,
    },
    responseContext: {
      statusCode: 200,
      executedVersion: '$LATEST',
      ...(discarded.lastError ? { functionError: 'Unhandled' } : {}),
    },
    version: '1.0',
    timestamp: new Date().toISOString(),
    DDBStreamBatchInfo: {
      shardId: context.shardId,
      startSequenceNumber: first?.SequenceNumber,
      endSequenceNumber: last?.SequenceNumber,
      approximateArrivalOfFirstRecord: arrival(first?.ApproximateCreationDateTime),
      approximateArrivalOfLastRecord: arrival(last?.ApproximateCreationDateTime),
      batchSize: discarded.records.length,
      streamArn: context.streamArn,
    },
  };
}

export async function sendInvocationRecord(
  destination: SqsFailureDestination,
  record: ReturnType<typeof invocationRecord>,
): Promise<void> {
  await destination.sqs.send(
    new SendMessageCommand({ QueueUrl: destination.queueUrl, MessageBody: JSON.stringify(record) }),
  );
}
