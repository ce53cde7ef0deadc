import { randomUUID } from 'node:crypto';
import { type TransactWriteItem, TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { v7 as uuidv7 } from 'uuid';
import { EnvelopeHeaders, isTraceparent } from '../envelope/index.js';
import { type EncryptTarget, manifestEncryptTarget } from '../serde/encryption/index.js';
import { createEventTracer, type HopSpan } from '../tracing/index.js';
import { OutboxAttributes } from './attributes.js';
import { explainCancellation } from './cancellation.js';
import { OutboxEncryptionError, OutboxEventError, OutboxValidationError } from './errors.js';
import { toOutboxItem } from './item.js';
import { assertWithinLimits, describeWrite } from './limits.js';
import { schemaPayloadValidator } from './schema-validator.js';
import type { OutboxEventInput, OutboxRecord, OutboxWriter, OutboxWriterOptions } from './types.js';

const SEVEN_DAYS = 7 * 24 * 60 * 60;
const RESERVED_HEADERS = new Set<string>(Object.values(EnvelopeHeaders));

/**
 * The transactional outbox: a service's own writes and its events commit together or not at all.
 * @example
 * const outbox = createOutboxWriter({ client, tableName: 'outbox', manifest, source: 'orders' });
 * await outbox.write({
 *   writes: [{ Put: { TableName: 'orders', Item: marshall(order), ConditionExpression: 'attribute_not_exists(pk)' } }],
 *   events: [{ eventType: 'OrderPlaced', aggregateId: order.id, payload: placed }],
 * });
 */
export function createOutboxWriter(options: OutboxWriterOptions): OutboxWriter {
  const ttlSeconds = options.ttlSeconds ?? SEVEN_DAYS;
  const clock = options.clock ?? (() => new Date());
  const validatePayload = options.validatePayload ?? schemaPayloadValidator();
  const tracer = options.tracer ?? createEventTracer();
  // The manifest and the key map are fixed for the writer's life, so each topic's target is
  // resolved (schema parsed, KEK looked up) on its first event only; null marks "not encrypted".
  const encryptTargets = new Map<string, EncryptTarget | null>();

  async function prepare(
    event: OutboxEventInput,
    index: number,
    txId: string,
    now: Date,
    spans: HopSpan[],
  ): Promise<OutboxRecord> {
    let topic: ReturnType<typeof options.manifest.topicForEvent>;
    try {
      topic = options.manifest.topicForEvent(event.eventType);
    } catch (error) {
      throw new OutboxEventError(`event #${index}: ${(error as Error).message}`, { cause: error });
    }
    if (event.aggregateType !== undefined && event.aggregateType !== topic.aggregateType) {
      throw new OutboxEventError(
        `event #${index} (${event.eventType}): aggregate type "${event.aggregateType}" differs from the manifest's "${topic.aggregateType}"`,
      );
    }
    if (event.aggregateId.length === 0)
      throw new OutboxEventError(`event #${index} (${event.eventType}): empty aggregateId`);
    if (event.traceparent !== undefined && !isTraceparent(event.traceparent)) {
      throw new OutboxEventError(
        `event #${index} (${event.eventType}): traceparent is not W3C trace-context`,
      );
    }
    const reserved = Object.keys(event.headers ?? {}).filter((name) => RESERVED_HEADERS.has(name));
    if (reserved.length > 0) {
      throw new OutboxEventError(
        `event #${index} (${event.eventType}): headers ${reserved.join(', ')} are reserved for the envelope`,
      );
    }
    try {
      await validatePayload(topic, event.payload);
    } catch (error) {
      throw new OutboxValidationError(event.eventType, index, (error as Error).message, { cause: error });
    }
    const payload = await encrypt(topic, event, index);
    const eventId = uuidv7();
    // The event's context: its create span, a child of the caller's traceparent or active context.
    const span = tracer.outboxWrite(event.eventType, event.traceparent, {
      'eventline.event_id': eventId,
      'messaging.destination.name': topic.name,
      'eventline.aggregate_id': event.aggregateId,
    });
    spans.push(span);
    const traceparent = span.traceparent;
    return {
      eventId,
      eventType: event.eventType,
      aggregateType: topic.aggregateType,
      aggregateId: event.aggregateId,
      occurredAt: now.toISOString(),
      source: options.source,
      topic: topic.name,
      payload,
      ...(traceparent !== undefined ? { traceparent } : {}),
      headers: { ...event.headers },
      txId,
      txSeq: index,
      expiresAt: Math.floor(now.getTime() / 1000) + ttlSeconds,
    };
  }

  /** The payload with its tagged fields encrypted, when the topic's schema asks for it. */
  async function encrypt(
    topic: ReturnType<typeof options.manifest.topicForEvent>,
    event: OutboxEventInput,
    index: number,
  ): Promise<unknown> {
    const encryption = options.encryption;
    if (encryption === undefined) return event.payload;
    try {
      let target = encryptTargets.get(topic.name);
      if (target === undefined) {
        target = manifestEncryptTarget(topic, options.manifest.subjectStrategy, encryption.kmsKeyIds) ?? null;
        encryptTargets.set(topic.name, target);
      }
      if (target === null) return event.payload;
      return (
        encryption.encryptor.encryptCached(event.payload, target) ??
        (await encryption.encryptor.encrypt(event.payload, target))
      );
    } catch (error) {
      throw new OutboxEncryptionError(event.eventType, index, (error as Error).message, {
        cause: error,
        retryable: (error as { retryable?: boolean }).retryable === true,
      });
    }
  }

  return {
    async write(input) {
      if (input.events.length === 0)
        throw new OutboxEventError('no events to write; use TransactWriteItems directly');
      const writes = input.writes ?? [];
      const txId = randomUUID();
      const now = clock();
      // Sequential on purpose: UUIDv7 from one process is monotonic, so event ids follow the caller's order.
      const events: OutboxRecord[] = [];
      const spans: HopSpan[] = [];
      try {
        for (const [index, event] of input.events.entries())
          events.push(await prepare(event, index, txId, now, spans));
      } catch (error) {
        for (const span of spans) span.end(error);
        throw error;
      }
      const items: TransactWriteItem[] = [
        ...writes,
        ...events.map(
          (event): TransactWriteItem => ({
            Put: {
              TableName: options.tableName,
              Item: toOutboxItem(event),
              ConditionExpression: 'attribute_not_exists(#pk)',
              ExpressionAttributeNames: { '#pk': OutboxAttributes.partitionKey },
            },
          }),
        ),
      ];
      try {
        await send(items, writes.length, events, txId);
      } catch (error) {
        for (const span of spans) span.end(error);
        throw error;
      }
      for (const span of spans) span.end();
      return { events, txId };
    },
  };

  /** Checks DynamoDB's limits and commits the transaction; errors name the item at fault. */
  async function send(
    items: TransactWriteItem[],
    writeCount: number,
    events: readonly OutboxRecord[],
    txId: string,
  ): Promise<void> {
    assertWithinLimits(items, (index) =>
      index < writeCount
        ? `domain ${describeWrite(items[index] as TransactWriteItem)}`
        : `outbox event ${events[index - writeCount]?.eventId} (${events[index - writeCount]?.eventType})`,
    );
    try {
      // The token makes the SDK's own retries of this request idempotent for 10 minutes.
      await options.client.send(
        new TransactWriteItemsCommand({ TransactItems: items, ClientRequestToken: txId }),
      );
    } catch (error) {
      throw explainCancellation(
        error,
        items,
        writeCount,
        events.map((event) => event.eventId),
      );
    }
  }
}
