import type { Logger } from '@aws-lambda-powertools/logger';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import type { Message, TopicMessages } from 'kafkajs';
import { envelopeToHeaders } from '../lib/envelope/index.js';
import { isMessageTooLarge, type ManagedProducer } from '../lib/kafka/index.js';
import type { Manifest } from '../lib/manifest/index.js';
import { type OutboxRecord, outboxRecordFrom } from '../lib/outbox/index.js';
import type { EncodeOptions, Serde } from '../lib/serde/index.js';
import { valueEncodeOptions } from '../lib/serde/index.js';
import { createEventTracer, type EventTracer, type HopSpan } from '../lib/tracing/index.js';
import { chunkBySize } from './chunks.js';
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
  /**
   * The topics' max.message.bytes, which Kafka applies to each partition's record batch: one
   * record above it goes to the failure destination, and a batch whose records add up to more
   * is produced in several requests, one after the other. @default 1048588, Kafka's default
   */
  readonly maxMessageBytes?: number;
  /** @default createEventTracer(): a publish span per event, a child of the `traceparent` the writer stamped */
  readonly tracer?: EventTracer;
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
  /** Produce calls made: 0 for nothing to send, 1 when the batch fits max.message.bytes, more otherwise. */
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

// Per-record framing Kafka adds on top of key, value and headers: an upper bound of the v2
// record's varints (length, attributes, deltas, key/value lengths, header count and lengths).
const RECORD_OVERHEAD = 100;

interface Outgoing {
  readonly entry: Entry;
  readonly topic: string;
  readonly message: Message;
  /** Estimated bytes in a record batch: key, value, header names and values, RECORD_OVERHEAD. */
  readonly size: number;
  /** Ended once the broker acknowledged the record, or with the error that kept it back. */
  readonly span: HopSpan;
}

/**
 * Relays one DynamoDB Streams batch of outbox inserts to Kafka. Records are encoded in
 * stream order until the first one that may heal by retrying; everything before it is
 * sent in one sendBatch (several in sequence when it exceeds max.message.bytes), records
 * that can never be sent go to the failure destination, and the response names the
 * earliest record (by stream position) not delivered, so Lambda retries from there and
 * no later event of an aggregate overtakes an earlier one.
 */
export function createRelay(options: RelayOptions): (event: DynamoDBStreamEvent) => Promise<RelayResult> {
  const maxMessageBytes = options.maxMessageBytes ?? 1_048_588;
  const { logger } = options;
  const tracer = options.tracer ?? createEventTracer();

  /** Encode options per manifest topic, built once: a warm batch allocates none per record. */
  const encodeOptions = new Map<string, EncodeOptions>();
  function encodeOptionsFor(topicName: string): EncodeOptions {
    let found = encodeOptions.get(topicName);
    if (found === undefined) {
      found = valueEncodeOptions(options.manifest.topic(topicName));
      encodeOptions.set(topicName, found);
    }
    return found;
  }

  /** The payload's bytes: synchronously once the topic's writer schema is resolved. */
  function encodeValue(outbox: OutboxRecord): Buffer | Promise<Buffer> {
    const target = encodeOptionsFor(outbox.topic);
    return (
      options.serde.encodeCached?.(outbox.payload, target) ?? options.serde.encode(outbox.payload, target)
    );
  }

  function toOutgoing(entry: Entry, outbox: OutboxRecord, value: Buffer): Outgoing {
    const headers = envelopeToHeaders(outbox);
    // Envelope names win over the caller's own headers (the writer refuses such clashes anyway).
    for (const name in outbox.headers) headers[name] ??= outbox.headers[name] as string;
    const key = Buffer.from(outbox.aggregateId);
    let size = key.length + value.length + RECORD_OVERHEAD;
    for (const name in headers) size += Buffer.byteLength(name) + Buffer.byteLength(headers[name] as string);
    if (size > maxMessageBytes) throw new MessageTooLargeError(size, maxMessageBytes);
    // The header keeps the writer's traceparent: a re-relayed duplicate carries the same headers.
    const span = tracer.relay(outbox.topic, outbox.traceparent, {
      'eventline.event_id': outbox.eventId,
      'messaging.destination.name': outbox.topic,
      'messaging.kafka.message.key': outbox.aggregateId,
    });
    return { entry, topic: outbox.topic, message: { key, value, headers }, size, span };
  }

  /**
   * Produces the records in stream order, in as few requests as max.message.bytes allows
   * (one when the batch fits), each acknowledged before the next is sent, so a later chunk
   * never overtakes an earlier one. Stops at the first chunk that fails for a reason other
   * than its size; that chunk and the rest are returned as undelivered.
   */
  async function produce(toSend: readonly Outgoing[]) {
    const queue = chunkBySize(toSend, maxMessageBytes);
    const undelivered: Entry[] = [];
    let produceRequests = 0;
    let relayed = 0;
    let failed = 0;
    for (let chunk = queue.shift(); chunk; chunk = queue.shift()) {
      produceRequests += 1;
      try {
        await options.producer.sendBatch(groupByTopic(chunk));
        relayed += chunk.length;
        for (const sent of chunk) sent.span.end();
      } catch (error) {
        const topics = [...new Set(chunk.map((s) => s.topic))];
        if (!isMessageTooLarge(error)) {
          logger.error("produce failed; the batch is retried from this request's first record", {
            error,
            records: chunk.length,
            topics,
          });
          undelivered.push(...chunk.map((s) => s.entry), ...queue.flat().map((s) => s.entry));
          for (const kept of [...chunk, ...queue.flat()]) kept.span.end(error);
          break;
        }
        // The broker's limit is below our estimate (a topic's max.message.bytes lower than
        // configured). Retrying the same request would loop until the stream gives up, so each
        // record is sent on its own instead, and a record refused alone can never be relayed.
        // Partitions whose batch fitted were appended by the refused request and arrive twice,
        // as at-least-once delivery allows; per-key order holds, their first copies coming first.
        logger.error(
          'broker refused a record batch as too large; check the topic limit against the configured one',
          {
            error,
            topics,
            records: chunk.length,
            configuredMaxMessageBytes: maxMessageBytes,
          },
        );
        if (chunk.length > 1) {
          queue.unshift(...chunk.map((s) => [s]));
          continue;
        }
        const [single] = chunk as [Outgoing];
        const tooLarge = new MessageTooLargeError(single.size, maxMessageBytes, { cause: error });
        single.span.end(tooLarge);
        try {
          await options.failures.send(failureOf(single.entry, RelayFailureReasons.messageTooLarge, tooLarge));
        } catch (destinationError) {
          recordLogger(logger, single.entry).error(
            'failure destination unreachable; Lambda retries from here',
            {
              error: destinationError,
            },
          );
          undelivered.push(single.entry, ...queue.flat().map((s) => s.entry));
          for (const kept of queue.flat()) kept.span.end(destinationError);
          break;
        }
        failed += 1;
        recordLogger(logger, single.entry).error(
          'broker refused the record alone; sent to the failure destination',
          {
            reason: RelayFailureReasons.messageTooLarge,
          },
        );
      }
    }
    return { undelivered, produceRequests, relayed, failed };
  }

  return async (event) => {
    const entries = restoreTransactionOrder(event.Records.map(parse));
    const toSend: Outgoing[] = [];
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
          const value = encodeValue(entry.outbox);
          // A warm batch awaits nothing per record.
          const bytes = value instanceof Promise ? await value : value;
          toSend.push(toOutgoing(entry, entry.outbox, bytes));
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

    const produced = await produce(toSend);
    undelivered.push(...produced.undelivered);
    const { relayed, produceRequests } = produced;
    failed += produced.failed;

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
