import type {
  AttributeValue as SdkAttributeValue,
  _Record as SdkStreamRecord,
} from '@aws-sdk/client-dynamodb-streams';
import type { AttributeValue, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { InvalidBatchResponseError } from './errors.js';

/**
 * Builds the record Lambda hands a function from one DynamoDB Streams `GetRecords` record.
 * Checked field by field against the `@types/aws-lambda` DynamoDBRecord/StreamRecord types and
 * AWS's sample event (https://docs.aws.amazon.com/lambda/latest/dg/with-ddb.html, "Example
 * DynamoDB Streams record event"): eventID, eventName, eventVersion, eventSource
 * `aws:dynamodb`, awsRegion, eventSourceARN (the stream ARN) and `dynamodb` with
 * ApproximateCreationDateTime in epoch seconds (a number, where the SDK gives a Date), Keys,
 * NewImage/OldImage in the typed attribute-value JSON (binary as base64 strings), SequenceNumber,
 * SizeBytes and StreamViewType. userIdentity appears only for TTL deletions, lower-cased as in
 * the event (`{ type, principalId }`).
 */
export function toLambdaDynamoDbRecord(record: SdkStreamRecord, streamArn: string): DynamoDBRecord {
  const s = record.dynamodb ?? {};
  const dynamodb: NonNullable<DynamoDBRecord['dynamodb']> = {
    ...(s.ApproximateCreationDateTime
      ? { ApproximateCreationDateTime: Math.floor(s.ApproximateCreationDateTime.getTime() / 1000) }
      : {}),
    ...(s.Keys ? { Keys: toImage(s.Keys) } : {}),
    ...(s.NewImage ? { NewImage: toImage(s.NewImage) } : {}),
    ...(s.OldImage ? { OldImage: toImage(s.OldImage) } : {}),
    ...(s.SequenceNumber ? { SequenceNumber: s.SequenceNumber } : {}),
    ...(s.SizeBytes !== undefined ? { SizeBytes: s.SizeBytes } : {}),
    ...(s.StreamViewType ? { StreamViewType: s.StreamViewType } : {}),
  };
  return {
    ...(record.eventID ? { eventID: record.eventID } : {}),
    ...(record.eventName ? { eventName: record.eventName } : {}),
    eventVersion: record.eventVersion ?? '1.1',
    eventSource: 'aws:dynamodb',
    ...(record.awsRegion ? { awsRegion: record.awsRegion } : {}),
    dynamodb,
    eventSourceARN: streamArn,
    ...(record.userIdentity
      ? { userIdentity: { type: record.userIdentity.Type, principalId: record.userIdentity.PrincipalId } }
      : {}),
  };
}

export function toDynamoDbStreamEvent(records: readonly DynamoDBRecord[]): DynamoDBStreamEvent {
  return { Records: [...records] };
}

function toImage(image: Record<string, SdkAttributeValue>): Record<string, AttributeValue> {
  return Object.fromEntries(Object.entries(image).map(([k, v]) => [k, toAttributeValue(v)]));
}

function toAttributeValue(value: SdkAttributeValue): AttributeValue {
  if (value.S !== undefined) return { S: value.S };
  if (value.N !== undefined) return { N: value.N };
  if (value.BOOL !== undefined) return { BOOL: value.BOOL };
  if (value.NULL !== undefined) return { NULL: value.NULL };
  if (value.B !== undefined) return { B: Buffer.from(value.B).toString('base64') };
  if (value.SS !== undefined) return { SS: value.SS };
  if (value.NS !== undefined) return { NS: value.NS };
  if (value.BS !== undefined) return { BS: value.BS.map((b) => Buffer.from(b).toString('base64')) };
  if (value.L !== undefined) return { L: value.L.map(toAttributeValue) };
  if (value.M !== undefined) return { M: toImage(value.M) };
  throw new Error(`unsupported attribute value: ${Object.keys(value).join(',')}`);
}

/**
 * Index of the lowest failed record in a DynamoDB partial batch response, or undefined for a
 * success. Lambda treats an empty/null list as success and an empty, null or unknown
 * itemIdentifier as a complete failure
 * (https://docs.aws.amazon.com/lambda/latest/dg/services-ddb-batchfailurereporting.html).
 */
export function lowestFailedSequenceIndex(
  records: readonly DynamoDBRecord[],
  response: unknown,
): number | undefined {
  const failures = (response as { batchItemFailures?: unknown } | null | undefined)?.batchItemFailures;
  if (!Array.isArray(failures) || failures.length === 0) return undefined;
  let lowest: number | undefined;
  for (const failure of failures) {
    const id = (failure as { itemIdentifier?: unknown } | null)?.itemIdentifier;
    const index =
      typeof id === 'string' && id !== '' ? records.findIndex((r) => r.dynamodb?.SequenceNumber === id) : -1;
    if (index < 0)
      throw new InvalidBatchResponseError(
        `itemIdentifier ${JSON.stringify(id)} is not a sequence number of the batch`,
      );
    lowest = lowest === undefined ? index : Math.min(lowest, index);
  }
  return lowest;
}
