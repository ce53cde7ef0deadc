import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { OutboxAttributes } from '../../functions/lib/outbox/index.js';

/**
 * A batch the relay's event source mapping gave up on: Lambda's invocation record names the shard
 * and the sequence range, not the records (the "Example invocation record" of the DynamoDB Streams
 * page of the Lambda developer guide; local/triggers sends the same shape).
 */
export interface FailedBatch {
  readonly kind: 'batch';
  readonly shardId: string;
  readonly streamArn: string;
  readonly startSequenceNumber: string;
  readonly endSequenceNumber: string;
  readonly batchSize: number;
  /** Why Lambda discarded it, e.g. RetryAttemptsExhausted, RecordAgeExceeded. */
  readonly condition: string;
  readonly at: string;
}

/** One record the relay itself could never deliver (functions/outbox-relay/failure-destination.ts). */
export interface FailedRecord {
  readonly kind: 'record';
  readonly reason: string;
  readonly error: string;
  readonly sequenceNumber?: string;
  readonly streamArn?: string;
  readonly eventId?: string;
  readonly topic?: string;
  /** The outbox item's key, from the image the stream carried. */
  readonly key?: Record<string, AttributeValue>;
  readonly at: string;
}

export type FailureMessage = FailedBatch | FailedRecord;

interface InvocationRecordBody {
  requestContext?: { condition?: string };
  timestamp?: string;
  DDBStreamBatchInfo?: {
    shardId?: string;
    streamArn?: string;
    startSequenceNumber?: string;
    endSequenceNumber?: string;
    batchSize?: number;
  };
}

interface RelayFailureBody {
  reason?: string;
  errorClass?: string;
  errorMessage?: string;
  eventId?: string;
  topic?: string;
  eventSourceArn?: string;
  sequenceNumber?: string;
  newImage?: Record<string, AttributeValue>;
  failedAt?: string;
}

/** Parses a failure queue message body; undefined when it is neither shape. */
export function parseFailureMessage(body: string): FailureMessage | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (parsed === null || typeof parsed !== 'object') return undefined;
  const info = (parsed as InvocationRecordBody).DDBStreamBatchInfo;
  if (info?.shardId && info.streamArn && info.startSequenceNumber && info.endSequenceNumber) {
    return {
      kind: 'batch',
      shardId: info.shardId,
      streamArn: info.streamArn,
      startSequenceNumber: info.startSequenceNumber,
      endSequenceNumber: info.endSequenceNumber,
      batchSize: info.batchSize ?? 0,
      condition: (parsed as InvocationRecordBody).requestContext?.condition ?? 'unknown',
      at: (parsed as InvocationRecordBody).timestamp ?? '',
    };
  }
  const failure = parsed as RelayFailureBody;
  if (typeof failure.reason !== 'string' || typeof failure.failedAt !== 'string') return undefined;
  const pk = failure.newImage?.[OutboxAttributes.partitionKey];
  const sk = failure.newImage?.[OutboxAttributes.sortKey];
  return {
    kind: 'record',
    reason: failure.reason,
    error: `${failure.errorClass ?? 'Error'}: ${failure.errorMessage ?? ''}`,
    at: failure.failedAt,
    ...(failure.sequenceNumber ? { sequenceNumber: failure.sequenceNumber } : {}),
    ...(failure.eventSourceArn ? { streamArn: failure.eventSourceArn } : {}),
    ...(failure.eventId ? { eventId: failure.eventId } : {}),
    ...(failure.topic ? { topic: failure.topic } : {}),
    ...(pk && sk ? { key: { [OutboxAttributes.partitionKey]: pk, [OutboxAttributes.sortKey]: sk } } : {}),
  };
}
