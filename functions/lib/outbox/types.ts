import type { DynamoDBClient, TransactWriteItem } from '@aws-sdk/client-dynamodb';
import type { Envelope } from '../envelope/index.js';
import type { Manifest, ManifestTopic } from '../manifest/types.js';
import type { FieldEncryptor, KmsKeyIds } from '../serde/encryption/index.js';
import type { EventTracer } from '../tracing/index.js';

/** An event a service wants published, as it hands it to the outbox. */
export interface OutboxEventInput {
  /** The manifest's event type (e.g. `OrderPlaced`); picks topic and schema. */
  readonly eventType: string;
  /** Becomes the Kafka key: all events of one aggregate stay in order. */
  readonly aggregateId: string;
  /** @default the manifest topic's aggregateType; a different value is refused */
  readonly aggregateType?: string;
  /** The value, as the schema's codec takes it (Avro record, JSON object, Protobuf object). */
  readonly payload: unknown;
  /**
   * W3C trace context of the request that caused the event: the parent of the event's create span.
   * @default the caller's active OpenTelemetry context
   */
  readonly traceparent?: string;
  /** Extra Kafka headers (UTF-8); envelope header names are reserved. */
  readonly headers?: Readonly<Record<string, string>>;
}

/** An event as stored in the outbox table and carried by the stream: its envelope, topic and payload. */
export interface OutboxRecord extends Envelope {
  readonly topic: string;
  readonly payload: unknown;
  readonly headers: Readonly<Record<string, string>>;
  /** Identifies the transaction that wrote the event (its ClientRequestToken). */
  readonly txId: string;
  /** Position of the event in its transaction: the order the caller gave. */
  readonly txSeq: number;
  /** Epoch seconds after which DynamoDB's TTL deletes the item. */
  readonly expiresAt: number;
}

/**
 * Checks a payload against the topic's value schema before anything is written; throws
 * (any error) when the schema rejects it. The serde's codecs are the usual implementation.
 */
export type PayloadValidator = (topic: ManifestTopic, payload: unknown) => void | Promise<void>;

/** Field-level encryption of the payloads whose schema declares `encryption` in the manifest. */
export interface OutboxEncryption {
  readonly encryptor: FieldEncryptor;
  /** The KMS key ARN of each manifest KEK the writer's topics use. */
  readonly kmsKeyIds: KmsKeyIds;
}

export interface OutboxWriterOptions {
  readonly client: DynamoDBClient;
  readonly tableName: string;
  readonly manifest: Manifest;
  /** The emitting service, written to the `source` header. */
  readonly source: string;
  /** @default schemaPayloadValidator(): the serde's codecs against the manifest's schema */
  readonly validatePayload?: PayloadValidator;
  /**
   * How long an outbox item lives after the write. Must exceed the stream's 24 h
   * retention plus the relay's retry window, or TTL could delete an unrelayed event's
   * item (the INSERT record would still be in the stream, but nothing to inspect).
   * @default 7 days
   */
  readonly ttlSeconds?: number;
  /**
   * Encrypts the tagged fields of payloads whose schema declares `encryption` before the item is
   * written, so neither the table, its stream nor Kafka holds them in clear.
   * @default undefined: payloads are written as given
   */
  readonly encryption?: OutboxEncryption;
  /** @default () => new Date() */
  readonly clock?: () => Date;
  /** @default createEventTracer(): a create span per event on the global provider, stamped as `traceparent` */
  readonly tracer?: EventTracer;
}

export interface OutboxWriteInput {
  /** The caller's own writes (Put, Update, Delete, ConditionCheck), committed with the events. */
  readonly writes?: readonly TransactWriteItem[];
  readonly events: readonly OutboxEventInput[];
}

export interface OutboxWriteResult {
  /** The events as written, in the order given. */
  readonly events: readonly OutboxRecord[];
  readonly txId: string;
}

export interface OutboxWriter {
  /** One TransactWriteItems: the caller's writes and one outbox item per event, all or nothing. */
  write(input: OutboxWriteInput): Promise<OutboxWriteResult>;
}
