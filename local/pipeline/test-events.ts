import type { _Record } from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBStreamEvent, MSKEvent } from 'aws-lambda';
import type { KafkaMessage } from 'kafkajs';
import { v7 as uuidv7 } from 'uuid';
import { type Envelope, envelopeToHeaders } from '../../functions/lib/envelope/index.js';
import type { ManifestTopic } from '../../functions/lib/manifest/index.js';
import { type OutboxRecord, toOutboxItem } from '../../functions/lib/outbox/index.js';
import { type Serde, valueEncodeOptions } from '../../functions/lib/serde/index.js';
import { localAws } from '../stack/config.js';
import { toDynamoDbStreamEvent, toLambdaDynamoDbRecord, toMskEvent } from '../triggers/index.js';

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

/** An MSK event holding one record encoded by the serde (so by the real registry), with envelope headers. */
export async function generateMskEvent(
  input: TestEventInput,
  serde: Serde,
  source: { readonly bootstrapServers: string },
): Promise<MSKEvent> {
  const value = await serde.encode(input.payload, valueEncodeOptions(input.topic));
  const now = new Date();
  const message = {
    key: Buffer.from(input.key),
    value,
    offset: '0',
    timestamp: String(now.getTime()),
    attributes: 0,
    headers: envelopeToHeaders(envelopeFor(input, now)),
  } as KafkaMessage;
  return toMskEvent(
    {
      eventSourceArn: `arn:aws:kafka:${localAws.region}:000000000000:cluster/eventline-local/00000000-0000-0000-0000-000000000000-1`,
      bootstrapServers: source.bootstrapServers,
    },
    [{ topic: input.topic.name, partition: 0, message }],
  );
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
