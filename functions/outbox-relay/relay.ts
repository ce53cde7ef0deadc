import type { Logger } from '@aws-lambda-powertools/logger';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import type { Message, TopicMessages } from 'kafkajs';
import { envelopeToHeaders } from '../lib/envelope/index.js';
import type { ManagedProducer } from '../lib/kafka/index.js';
import type { Manifest } from '../lib/manifest/index.js';
import { type OutboxRecord, outboxRecordFrom } from '../lib/outbox/index.js';
import type { Serde } from '../lib/serde/types.js';
import { MessageTooLargeError, RelayError } from './errors.js';
import type { FailureDestination, RelayFailure } from './failure-destination.js';
import { restoreTransactionOrder } from './order.js';
import { type RelayFailureReason, RelayFailureReasons, reasonFor } from './reasons.js';
import { imageToObject } from './stream-image.js';

export interface RelayOptions {
  readonly serde: Serde;
  readonly manifest: Manifest;
  readonly producer: Pick<ManagedProducer, 'sendBatch'>;
  readonly failures: FailureDestination;
  readonly logger: Logger;
  /** The broker's (or topic's) max.message.bytes. @default 1048588, Kafka's default */
  readonly maxMessageBytes?: number;
}

export interface RelaySummary {
  /** Records the broker acknowledged. */
  readonly relayed: number;
  /** Records sent to the failure destination. */
  readonly failed: number;
  /** Records left for Lambda to deliver again (from the reported sequence number on). */
  readonly retried: number;
  /** Stream records that are not outbox inserts (MODIFY, REMOVE by TTL). */
  readonly skipped: number;
  /** Produce calls made: 0 or 1 per batch. */
  readonly produceRequests: number;
}

export interface RelayResult {
  readonly response: DynamoDBBatchResponse;
  readonly summary: RelaySummary;
}

interface Entry {
  readonly index: number;
  readonly record: DynamoDBRecord;
  readonly outbox?: OutboxRecord;
  readonly parseError?: unknown;
}

// Per-record framing Kafka adds on top of key, value and headers (record batch v2 worst case).
const RECORD_OVERHEAD = 100;

/**
 * Relays one DynamoDB Streams batch of outbox inserts to Kafka. Records are encoded in
 * stream order until the first one that may heal by retrying; everything before it is
 * sent in one sendBatch, records that can never be sent go to the failure destination,
 * and the response names the earliest record (by stream position) not delivered, so
 * Lambda retries from there and no later event of an aggregate overtakes an earlier one.
 */
export function createRelay(options: RelayOptions): (event: DynamoDBStreamEvent) => Promise<RelayResult> {
  const maxMessageBytes = options.maxMessageBytes ?? 1_048_588;
  const { logger } = options;

  async function encode(outbox: OutboxRecord): Promise<Message> {
    const topic = options.manifest.topic(outbox.topic);
    const value = await options.serde.encode(outbox.payload, {
      topic: topic.name,
      schema: topic.value,
      ...(topic.value.message ? { message: topic.value.message } : {}),
    });
    const headers: Record<string, Buffer> = envelopeToHeaders(outbox);
    // Envelope names win over the caller's own headers (the writer refuses such clashes anyway).
    for (const name in outbox.headers) headers[name] ??= Buffer.from(outbox.headers[name] as string);
    const key = Buffer.from(outbox.aggregateId);
    let size = key.length + value.length + RECORD_OVERHEAD;
    for (const name in headers) size += Buffer.byteLength(name) + (headers[name] as Buffer).length;
    if (size > maxMessageBytes) throw new MessageTooLargeError(size, maxMessageBytes);
    return { key, value, headers };
  }

  return async (event) => {
    const entries = restoreTransactionOrder(event.Records.map(parse));
    const toSend: { entry: Entry; topic: string; message: Message }[] = [];
    const undelivered: Entry[] = [];
    let failed = 0;
    let skipped = 0;
    let cut = entries.length;

    for (const [position, entry] of entries.entries()) {
      if (entry.record.eventName !== 'INSERT') {
        skipped += 1;
        continue;
      }
      let error = entry.parseError;
      if (entry.outbox && error === undefined) {
        try {
          toSend.push({ entry, topic: entry.outbox.topic, message: await encode(entry.outbox) });
          continue;
        } catch (encodeError) {
          error = encodeError;
        }
      }
      // Unknown errors count as transient: retrying a bad record wastes time, dropping a good one loses it.
      if ((error as { retryable?: boolean } | undefined)?.retryable !== false) {
        recordLogger(logger, entry).warn('record cannot be encoded now; Lambda retries from here', { error });
        cut = position;
        break;
      }
      const reason = entry.parseError === undefined ? reasonFor(error) : RelayFailureReasons.invalidRecord;
      try {
        await options.failures.send(failureOf(entry, reason, error));
      } catch (destinationError) {
        recordLogger(logger, entry).error('failure destination unreachable; Lambda retries from here', {
          error: destinationError,
        });
        cut = position;
        break;
      }
      failed += 1;
      recordLogger(logger, entry).error('record can never be relayed; sent to the failure destination', {
        reason,
        error,
      });
    }
    undelivered.push(...entries.slice(cut));

    let produceRequests = 0;
    let relayed = 0;
    if (toSend.length > 0) {
      produceRequests = 1;
      try {
        await options.producer.sendBatch(groupByTopic(toSend));
        relayed = toSend.length;
      } catch (error) {
        logger.error('produce failed; the whole batch from its first sent record is retried', {
          error,
          records: toSend.length,
        });
        undelivered.push(...toSend.map((s) => s.entry));
      }
    }

    const first = undelivered.reduce<Entry | undefined>(
      (earliest, entry) => (earliest === undefined || entry.index < earliest.index ? entry : earliest),
      undefined,
    );
    const retried = first === undefined ? 0 : event.Records.length - first.index;
    const summary: RelaySummary = { relayed, failed, retried, skipped, produceRequests };
    logger.info('batch relayed', { records: event.Records.length, ...summary });
    if (first === undefined) return { response: { batchItemFailures: [] }, summary };
    const itemIdentifier = first.record.dynamodb?.SequenceNumber;
    // Without a sequence number there is nothing to retry from: fail the whole invocation rather than lose records.
    if (!itemIdentifier)
      throw new RelayError('an undelivered stream record has no SequenceNumber', { retryable: true });
    return { response: { batchItemFailures: [{ itemIdentifier }] }, summary };
  };
}

/** A logger whose every line names the record: stream position, event id, aggregate id. */
function recordLogger(logger: Logger, entry: Entry): Logger {
  return logger.createChild({
    persistentKeys: {
      sequenceNumber: entry.record.dynamodb?.SequenceNumber,
      ...(entry.outbox ? { eventId: entry.outbox.eventId, aggregateId: entry.outbox.aggregateId } : {}),
    },
  });
}

function parse(record: DynamoDBRecord, index: number): Entry {
  const image = record.dynamodb?.NewImage;
  if (record.eventName !== 'INSERT') return { index, record };
  try {
    if (!image) throw new Error('stream record has no NewImage; the stream view type must include NEW_IMAGE');
    return { index, record, outbox: outboxRecordFrom(imageToObject(image)) };
  } catch (parseError) {
    return { index, record, parseError };
  }
}

/** All of a topic's messages in stream order; one TopicMessages per topic, as one request carries them. */
function groupByTopic(items: readonly { topic: string; message: Message }[]): TopicMessages[] {
  const byTopic = new Map<string, Message[]>();
  for (const { topic, message } of items) {
    const list = byTopic.get(topic) ?? [];
    list.push(message);
    byTopic.set(topic, list);
  }
  return [...byTopic].map(([topic, messages]) => ({ topic, messages }));
}

function failureOf(entry: Entry, reason: RelayFailureReason, error: unknown): RelayFailure {
  const outbox = entry.outbox;
  return {
    reason,
    errorClass: error instanceof Error ? error.name : typeof error,
    errorMessage: error instanceof Error ? error.message : String(error),
    ...(outbox
      ? {
          eventId: outbox.eventId,
          eventType: outbox.eventType,
          aggregateId: outbox.aggregateId,
          topic: outbox.topic,
        }
      : {}),
    ...(entry.record.eventSourceARN ? { eventSourceArn: entry.record.eventSourceARN } : {}),
    ...(entry.record.dynamodb?.SequenceNumber
      ? { sequenceNumber: entry.record.dynamodb.SequenceNumber }
      : {}),
    newImage: entry.record.dynamodb?.NewImage,
    failedAt: new Date().toISOString(),
  };
}
