import { type AttributeValue, type DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
} from '@aws-sdk/client-dynamodb-streams';
import { isAwsError } from '../../functions/lib/errors/index.js';
import { OutboxAttributes } from '../../functions/lib/outbox/index.js';
import { RelayFailuresError } from './errors.js';
import type { FailedBatch, FailureMessage } from './failure-message.js';

/** A stream record a failure message points to, and the outbox item it carried if still in the table. */
export interface PointedItem {
  readonly key: Record<string, AttributeValue>;
  readonly sequenceNumber?: string;
  readonly streamArn?: string;
  /** Undefined once the item is gone (TTL expired, or deleted). */
  readonly item?: Record<string, AttributeValue>;
}

export interface PointedItems {
  readonly items: readonly PointedItem[];
  /** Why the message points to no item, when it does not (stream trimmed, no key in the record). */
  readonly note?: string;
}

export interface OutboxLookup {
  readonly dynamodb: DynamoDBClient;
  readonly streams: DynamoDBStreamsClient;
  readonly table: string;
}

/** The outbox items a failure message points to, each re-read from the table. */
export async function pointedItems(message: FailureMessage, lookup: OutboxLookup): Promise<PointedItems> {
  if (message.kind === 'record') {
    if (!message.key) return { items: [], note: 'the failure record carries no outbox key' };
    return {
      items: [
        await withItem(lookup, {
          key: message.key,
          ...(message.sequenceNumber ? { sequenceNumber: message.sequenceNumber } : {}),
          ...(message.streamArn ? { streamArn: message.streamArn } : {}),
        }),
      ],
    };
  }
  const records = await streamRange(lookup.streams, message);
  if (records.length === 0) {
    return { items: [], note: 'the stream no longer holds this range (stream records are kept 24 hours)' };
  }
  return { items: await Promise.all(records.map((r) => withItem(lookup, r))) };
}

async function withItem(lookup: OutboxLookup, pointed: PointedItem): Promise<PointedItem> {
  const key = {
    [OutboxAttributes.partitionKey]: pointed.key[OutboxAttributes.partitionKey] as AttributeValue,
    [OutboxAttributes.sortKey]: pointed.key[OutboxAttributes.sortKey] as AttributeValue,
  };
  const found = await lookup.dynamodb.send(
    new GetItemCommand({ TableName: lookup.table, Key: key, ConsistentRead: true }),
  );
  return { ...pointed, key, ...(found.Item ? { item: found.Item } : {}) };
}

/**
 * The keys of the batch's stream records, from its first sequence number through its last. Lambda
 * names only the range, so the shard is read again from the first; an empty page ends the read.
 */
async function streamRange(streams: DynamoDBStreamsClient, batch: FailedBatch): Promise<PointedItem[]> {
  let iterator: string | undefined;
  try {
    iterator = (
      await streams.send(
        new GetShardIteratorCommand({
          StreamArn: batch.streamArn,
          ShardId: batch.shardId,
          ShardIteratorType: 'AT_SEQUENCE_NUMBER',
          SequenceNumber: batch.startSequenceNumber,
        }),
      )
    ).ShardIterator;
  } catch (error) {
    if (isAwsError(error, 'TrimmedDataAccessException', 'ResourceNotFoundException')) return [];
    throw new RelayFailuresError(`cannot read shard ${batch.shardId} of ${batch.streamArn}`, {
      cause: error,
    });
  }
  const end = BigInt(batch.endSequenceNumber);
  const found: PointedItem[] = [];
  while (iterator) {
    const page = await streams.send(new GetRecordsCommand({ ShardIterator: iterator }));
    const records = page.Records ?? [];
    for (const record of records) {
      const sequenceNumber = record.dynamodb?.SequenceNumber;
      if (!sequenceNumber || BigInt(sequenceNumber) > end) return found;
      if (record.eventName !== 'INSERT' || !record.dynamodb?.Keys) continue;
      found.push({
        key: record.dynamodb.Keys as Record<string, AttributeValue>,
        sequenceNumber,
        streamArn: batch.streamArn,
      });
    }
    if (records.length === 0) break;
    iterator = page.NextShardIterator;
  }
  return found;
}
