import type { _Record } from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { v7 as uuidv7 } from 'uuid';
import type { Envelope } from '../../functions/lib/envelope/index.js';
import type { ManifestTopic } from '../../functions/lib/manifest/index.js';
import { type OutboxRecord, toOutboxItem } from '../../functions/lib/outbox/index.js';
import { localAws } from '../stack/config.js';
import { toDynamoDbStreamEvent, toLambdaDynamoDbRecord } from '../triggers/index.js';

export interface TestEventInput {
  readonly topic: ManifestTopic;
  readonly payload: unknown;
  /** The aggregate id (Kafka key). */
  readonly key: string;
  readonly source?: string;
}

/** The envelope of a generated event, minted now, as the outbox writer would mint it. */
function envelopeFor(input: TestEventInput, now: Date): Envelope {
  return {
    eventId: uuidv7(),
    eventType: input.topic.eventType,
    aggregateType: input.topic.aggregateType,
    aggregateId: input.key,
    occurredAt: now.toISOString(),
    source: input.source ?? 'eventline-cli',
  };
}

/**
 * A DynamoDB Streams event with one outbox INSERT, as the relay receives it: the outbox item the
 * writer would store for this event (the relay encodes it with the registry when invoked).
 */
export function generateOutboxStreamEvent(input: TestEventInput, streamArn: string): DynamoDBStreamEvent {
  const now = new Date();
  const envelope = envelopeFor(input, now);
  const record: OutboxRecord = {
    ...envelope,
    topic: input.topic.name,
    payload: input.payload,
    headers: {},
    txId: uuidv7(),
    txSeq: 0,
    expiresAt: Math.floor(now.getTime() / 1000) + 7 * 24 * 3600,
  };
  const item = toOutboxItem(record);
  const sdk: _Record = {
    eventID: envelope.eventId.replaceAll('-', ''),
    eventName: 'INSERT',
    eventVersion: '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: localAws.region,
    dynamodb: {
      ApproximateCreationDateTime: now,
      Keys: { pk: item.pk as never, sk: item.sk as never },
      NewImage: item as never,
      SequenceNumber: `${now.getTime()}000000000000`,
      SizeBytes: JSON.stringify(item).length,
      StreamViewType: 'NEW_IMAGE',
    },
  };
  return toDynamoDbStreamEvent([toLambdaDynamoDbRecord(sdk, streamArn)]);
}
