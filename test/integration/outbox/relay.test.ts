import { connect as tcpConnect } from 'node:net';
import { Logger } from '@aws-lambda-powertools/logger';
import { DeleteItemCommand, PutItemCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { DeleteRegistryCommand, GlueClient } from '@aws-sdk/client-glue';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EnvNames } from '../../../functions/lib/config/env-names.js';
import { createManagedProducer } from '../../../functions/lib/kafka/index.js';
import type { Manifest } from '../../../functions/lib/manifest/index.js';
import {
  createOutboxWriter,
  type OutboxEventInput,
  OutboxTransactionCanceledError,
} from '../../../functions/lib/outbox/index.js';
import { ConfluentRegistryClient, GlueRegistryClient } from '../../../functions/lib/registry/index.js';
import { createSerde } from '../../../functions/lib/serde/index.js';
import { sqsFailureDestination } from '../../../functions/outbox-relay/failure-destination.js';
import { createRelay } from '../../../functions/outbox-relay/relay.js';
import { localAws } from '../../../local/stack/config.js';
import { stackEnv } from '../../../local/stack/env.js';
import { DynamoDbStreamTrigger } from '../../../local/triggers/index.js';
import { localClientConfig, localEndpoints, uniqueName } from '../../support/local-aws.js';
import { waitFor } from '../../support/wait-for.js';
import {
  brokerAddress,
  type Consumed,
  consumeAll,
  createTopics,
  domainTable,
  dropTables,
  dynamodb,
  failureQueue,
  outboxTable,
  readStream,
  receiveFailures,
  recordCount,
  sqs,
  TcpProxy,
  testManifest,
} from './support.js';

const registry = new ConfluentRegistryClient({ url: localEndpoints.apicurioUrl });
const serde = createSerde({
  registry: { kind: 'confluent', url: localEndpoints.apicurioUrl },
  client: registry,
});
const silent = new Logger({ logLevel: 'SILENT' });
const streams = new DynamoDBStreamsClient(localClientConfig('dynamodb'));
const tables: string[] = [];

async function registerSchemas(manifest: Manifest, skip: readonly string[] = []): Promise<void> {
  for (const topic of manifest.topics) {
    if (skip.includes(topic.eventType)) continue;
    await registry.register(`${topic.name}-value`, {
      type: topic.value.type,
      definition: topic.value.definition,
    });
  }
}

/** A pipeline of this test's own: topics, subjects, outbox and domain tables, failure queue. */
async function pipeline(options: { skipSchemas?: string[]; topicConfig?: Record<string, string> } = {}) {
  const { manifest, schemasDir } = testManifest();
  await createTopics(manifest, options.topicConfig);
  await registerSchemas(manifest, options.skipSchemas);
  const outbox = await outboxTable();
  const orders = await domainTable();
  tables.push(outbox.table, orders);
  const writer = createOutboxWriter({
    client: dynamodb,
    tableName: outbox.table,
    manifest,
    source: 'orders-it',
  });
  return { manifest, schemasDir, outbox, orders, writer, queueUrl: await failureQueue() };
}

const placed = (orderId: string, sku = 'SKU-1') => ({
  eventType: 'OrderPlaced',
  aggregateId: orderId,
  payload: {
    orderId,
    customerId: 'c-1',
    lines: [{ sku, quantity: 1, unitPriceCents: 500 }],
    totalCents: 500,
    currency: 'EUR',
    placedAt: 1_763_989_970_123,
  },
});
const paid = (orderId: string, n: number): OutboxEventInput => ({
  eventType: 'OrderPaid',
  aggregateId: orderId,
  payload: { orderId, paymentId: `p-${n}`, amountCents: 100 * n, paidAt: 1_763_989_970_123 + n },
});
const fulfilment = (orderId: string): OutboxEventInput => ({
  eventType: 'FulfilmentRequested',
  aggregateId: orderId,
  payload: { orderId, fulfilmentId: `f-${orderId}`, requestedAt: '2026-11-24T13:00:00Z' },
});
const cancelled = (orderId: string): OutboxEventInput => ({
  eventType: 'OrderCancelled',
  aggregateId: orderId,
  payload: { order_id: orderId, reason: 'CUSTOMER_REQUEST', note: 'changed mind' },
});

/** Per (topic, key), the event ids in the order Kafka holds them, duplicates after the first dropped. */
function orderPerKey(records: readonly Consumed[]): Map<string, string[]> {
  const seen = new Set<string>();
  const byKey = new Map<string, string[]>();
  for (const r of [...records].sort((a, b) => a.partition - b.partition || a.offset - b.offset)) {
    const id = String(r.headers['event-id']);
    if (seen.has(id)) continue;
    seen.add(id);
    const k = `${r.topic}/${r.key}`;
    byKey.set(k, [...(byKey.get(k) ?? []), id]);
  }
  return byKey;
}

/** The same, for the events as written (writer order). */
function writtenPerKey(events: readonly { topic: string; aggregateId: string; eventId: string }[]) {
  const byKey = new Map<string, string[]>();
  for (const e of events) {
    const k = `${e.topic}/${e.aggregateId}`;
    byKey.set(k, [...(byKey.get(k) ?? []), e.eventId]);
  }
  return byKey;
}

afterAll(async () => {
  await dropTables(...tables);
});

describe('Outbox to Kafka through the relay handler', () => {
  let handlerModule: typeof import('../../../functions/outbox-relay/handler.js');
  let setup: Awaited<ReturnType<typeof pipeline>>;

  beforeAll(async () => {
    setup = await pipeline();
    // The handler reads its environment once, at import, like a Lambda cold start.
    Object.assign(process.env, {
      AWS_REGION: localAws.region,
      AWS_ACCESS_KEY_ID: localAws.accessKeyId,
      AWS_SECRET_ACCESS_KEY: localAws.secretAccessKey,
      POWERTOOLS_LOG_LEVEL: 'SILENT',
      POWERTOOLS_METRICS_DISABLED: 'true',
      [EnvNames.kafkaBrokers]: localEndpoints.kafkaBrokers.join(','),
      [EnvNames.registryKind]: 'confluent',
      [EnvNames.registryUrl]: localEndpoints.apicurioUrl,
      [EnvNames.schemasDir]: setup.schemasDir,
      [EnvNames.awsEndpoint]: stackEnv()[EnvNames.awsEndpoint],
      [EnvNames.relayFailureQueueUrl]: setup.queueUrl,
    });
    handlerModule = await import('../../../functions/outbox-relay/handler.js');
  });

  it('delivers every event once, decodable, with envelope headers, in per-aggregate order', async () => {
    const { writer, orders, outbox, manifest } = setup;
    const written = [];
    for (const step of [0, 1, 2, 3]) {
      for (const orderId of ['o-a', 'o-b', 'o-c']) {
        const events =
          step === 0
            ? [placed(orderId)]
            : step === 3
              ? [paid(orderId, 9), fulfilment(orderId), cancelled(orderId)]
              : [paid(orderId, step)];
        const result = await writer.write({
          writes: [{ Put: { TableName: orders, Item: marshall({ pk: orderId, step }) } }],
          events,
        });
        written.push(...result.events);
      }
    }

    const records = await readStream(outbox.streamArn, written.length);
    const response = await handlerModule.handler({ Records: records });
    const consumed = await consumeAll(manifest.topics.map((t) => t.name));

    expect(response.batchItemFailures).toEqual([]);
    expect(consumed).toHaveLength(written.length);
    expect(new Set(consumed.map((r) => String(r.headers['event-id'])))).toEqual(
      new Set(written.map((e) => e.eventId)),
    );
    expect(orderPerKey(consumed)).toEqual(writtenPerKey(written));
    for (const record of consumed) {
      const event = written.find((e) => e.eventId === String(record.headers['event-id']));
      expect(record.key).toBe(event?.aggregateId);
      expect(String(record.headers['event-type'])).toBe(event?.eventType);
      expect(String(record.headers['aggregate-type'])).toBe('Order');
      expect(String(record.headers['aggregate-id'])).toBe(event?.aggregateId);
      expect(String(record.headers['occurred-at'])).toBe(event?.occurredAt);
      expect(String(record.headers.source)).toBe('orders-it');
      expect((await serde.decode(record.value)).value).toMatchObject(
        event?.eventType === 'OrderCancelled'
          ? { order_id: event.aggregateId }
          : { orderId: event?.aggregateId },
      );
    }
  });

  it('relays what the local stream trigger delivers (INSERT filter, batches of 4), a deleted outbox item changing nothing', async () => {
    const { manifest } = setup;
    const outbox = await outboxTable();
    tables.push(outbox.table);
    const local = createOutboxWriter({
      client: dynamodb,
      tableName: outbox.table,
      manifest,
      source: 'orders-it',
    });
    const topics = manifest.topics.map((t) => t.name);
    const before = await recordCount(topics);
    const written = [];
    for (let n = 1; n <= 6; n++)
      written.push(...(await local.write({ events: [paid(`o-t${n % 2}`, n)] })).events);
    const first = written[0];
    await dynamodb.send(
      new DeleteItemCommand({
        TableName: outbox.table,
        Key: marshall({ pk: `Order#${first?.aggregateId}`, sk: first?.eventId }),
      }),
    );
    const trigger = new DynamoDbStreamTrigger({
      functionName: 'outbox-relay',
      handler: handlerModule.handler,
      streams,
      streamArn: outbox.streamArn,
      batchSize: 4,
      filters: [{ eventName: ['INSERT'] }],
      pollIntervalMs: 50,
    });

    trigger.start();
    try {
      await waitFor(async () => (await recordCount(topics)) >= before + written.length, {
        what: 'the relay to produce every written event',
        intervalMs: 100,
      });
    } finally {
      await trigger.stop();
    }
    const ids = new Set(written.map((e) => e.eventId));
    const consumed = (await consumeAll(topics)).filter((r) => ids.has(String(r.headers['event-id'])));

    expect(consumed).toHaveLength(written.length);
    expect(orderPerKey(consumed)).toEqual(writtenPerKey(written));
  });
});

describe('Relay with the Glue registry', () => {
  const registryName = uniqueName('outbox-it');
  const glue = new GlueClient(localClientConfig('glue'));
  afterAll(async () => {
    await glue
      .send(new DeleteRegistryCommand({ RegistryId: { RegistryName: registryName } }))
      .catch(() => undefined);
  });

  it('encodes with Glue framing and delivers every event, decodable through Glue', async () => {
    const { manifest } = testManifest();
    await createTopics(manifest);
    const client = new GlueRegistryClient({ registryName, glue });
    for (const topic of manifest.topics) {
      await client.register(`${topic.name}-value`, {
        type: topic.value.type,
        definition: topic.value.definition,
      });
    }
    const glueSerde = createSerde({ registry: { kind: 'glue', registryName }, client });
    const outbox = await outboxTable();
    tables.push(outbox.table);
    const writer = createOutboxWriter({
      client: dynamodb,
      tableName: outbox.table,
      manifest,
      source: 'orders-it',
    });
    const written = [
      ...(await writer.write({ events: [placed('o-g'), paid('o-g', 1)] })).events,
      ...(await writer.write({ events: [fulfilment('o-g'), cancelled('o-g')] })).events,
    ];
    const relay = createRelay({
      serde: glueSerde,
      manifest,
      logger: silent,
      producer: createManagedProducer(
        () => new Kafka({ brokers: localEndpoints.kafkaBrokers, logLevel: logLevel.NOTHING }),
      ),
      failures: sqsFailureDestination(sqs, 'unused'),
    });

    const { response } = await relay({ Records: await readStream(outbox.streamArn, written.length) });
    const consumed = await consumeAll(manifest.topics.map((t) => t.name));

    expect(response.batchItemFailures).toEqual([]);
    expect(consumed).toHaveLength(written.length);
    for (const record of consumed) {
      expect(record.value[0]).toBe(0x03);
      const decoded = await createSerde({ registry: { kind: 'glue', registryName }, client }).decode(
        record.value,
      );
      const event = written.find((e) => e.eventId === String(record.headers['event-id']));
      expect(decoded.format).toBe('glue');
      expect(decoded.value).toMatchObject(
        event?.eventType === 'OrderCancelled' ? { order_id: 'o-g' } : { orderId: 'o-g' },
      );
    }
  });
});

describe('Outbox writer on DynamoDB Local', () => {
  it('leaves no outbox item, stream record or Kafka record when the domain write fails', async () => {
    const { writer, orders, outbox, manifest } = await pipeline();
    await dynamodb.send(new PutItemCommand({ TableName: orders, Item: marshall({ pk: 'o-1' }) }));
    const conflicting = {
      Put: {
        TableName: orders,
        Item: marshall({ pk: 'o-1' }),
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    };

    const error = await writer
      .write({ writes: [conflicting], events: [placed('o-1')] })
      .catch((e: unknown) => e);
    const committed = await writer.write({ events: [placed('o-2')] });
    const items = await dynamodb.send(new ScanCommand({ TableName: outbox.table }));
    const records = await readStream(outbox.streamArn, 1);
    const relay = createRelay({
      serde,
      manifest,
      logger: silent,
      producer: createManagedProducer(
        () => new Kafka({ brokers: localEndpoints.kafkaBrokers, logLevel: logLevel.NOTHING }),
      ),
      failures: sqsFailureDestination(sqs, 'unused'),
    });
    await relay({ Records: records });

    expect(error).toBeInstanceOf(OutboxTransactionCanceledError);
    expect((error as OutboxTransactionCanceledError).reasons).toMatchObject([
      { index: 0, kind: 'domain', code: 'ConditionalCheckFailed' },
    ]);
    expect(items.Items?.map((i) => i.aggregateId?.S)).toEqual(['o-2']);
    expect(records.map((r) => r.dynamodb?.NewImage?.eventId?.S)).toEqual([committed.events[0]?.eventId]);
    expect(await recordCount(manifest.topics.map((t) => t.name))).toBe(1);
  });
});

describe('Relay faults', () => {
  it('reports the right batchItemFailures when Kafka drops mid-batch, and loses nothing on retry', async () => {
    const { writer, outbox, manifest, queueUrl } = await pipeline();
    const written = [];
    for (let n = 1; n <= 8; n++) {
      for (const orderId of ['o-x', 'o-y', 'o-z'])
        written.push(...(await writer.write({ events: [paid(orderId, n)] })).events);
    }
    const records = await readStream(outbox.streamArn, written.length);
    const proxy = new TcpProxy(brokerAddress());
    await proxy.open();
    // Every connection, bootstrap and broker alike, goes through the proxy.
    const kafka = new Kafka({
      brokers: [`127.0.0.1:${proxy.port}`],
      logLevel: logLevel.NOTHING,
      connectionTimeout: 1000,
      // Fail fast once the proxy is gone: this test is about what the relay reports, not kafkajs' patience.
      retry: { retries: 1, initialRetryTime: 100, maxRetryTime: 200 },
      socketFactory: ({ onConnect }) => tcpConnect({ host: '127.0.0.1', port: proxy.port }, onConnect),
    });
    const producer = createManagedProducer(() => kafka, {
      retry: { retries: 1, initialRetryTime: 100, maxRetryTime: 200 },
    });
    const relay = createRelay({
      serde,
      manifest,
      logger: silent,
      producer,
      failures: sqsFailureDestination(sqs, queueUrl),
    });
    const reported: string[] = [];
    const batchSize = 8;

    // Lambda's rules: a batch starts where the last one was checkpointed; a reported record and all after it come again.
    let position = 0;
    let invocation = 0;
    while (position < records.length) {
      const batch = records.slice(position, position + batchSize);
      // The relay's own failure report says when the cut happened.
      if (invocation === 1) void proxy.armCutOnReply();
      const { response } = await relay({ Records: batch });
      invocation += 1;
      const failure = response.batchItemFailures[0]?.itemIdentifier;
      if (failure === undefined) {
        position += batch.length;
        continue;
      }
      reported.push(failure);
      await proxy.open();
      position = records.findIndex((r: DynamoDBRecord) => r.dynamodb?.SequenceNumber === failure);
    }
    await producer.disconnect();
    await proxy.close();
    const consumed = await consumeAll(manifest.topics.map((t) => t.name));
    const duplicates = consumed.length - written.length;
    console.info(
      `[outbox] Kafka cut mid-batch: ${consumed.length} records for ${written.length} events, ${duplicates} duplicates`,
    );

    expect(reported).toEqual([records[batchSize]?.dynamodb?.SequenceNumber]);
    expect(new Set(consumed.map((r) => String(r.headers['event-id'])))).toEqual(
      new Set(written.map((e) => e.eventId)),
    );
    expect(orderPerKey(consumed)).toEqual(writtenPerKey(written));
    expect(duplicates).toBeGreaterThanOrEqual(0);
    expect(duplicates).toBeLessThanOrEqual(batchSize);
  });

  it('sends oversized and schema-less events to the failure destination with their reason, and delivers the rest', async () => {
    const maxMessageBytes = 2048;
    const { writer, outbox, manifest, queueUrl } = await pipeline({
      skipSchemas: ['OrderCancelled'],
      topicConfig: { 'max.message.bytes': String(maxMessageBytes) },
    });
    const big = await writer.write({ events: [placed('o-big', 'X'.repeat(3000))] });
    const orphan = await writer.write({ events: [cancelled('o-1')] });
    const fine = await writer.write({ events: [placed('o-1'), paid('o-1', 1), paid('o-big', 1)] });
    const records = await readStream(outbox.streamArn, 5);
    const relay = createRelay({
      serde,
      manifest,
      logger: silent,
      maxMessageBytes,
      producer: createManagedProducer(
        () => new Kafka({ brokers: localEndpoints.kafkaBrokers, logLevel: logLevel.NOTHING }),
      ),
      failures: sqsFailureDestination(sqs, queueUrl),
    });

    const { response, summary } = await relay({ Records: records });
    const failures = await receiveFailures(queueUrl, 2);
    const consumed = await consumeAll(manifest.topics.map((t) => t.name));

    expect(response.batchItemFailures).toEqual([]);
    expect(summary).toMatchObject({ relayed: 3, failed: 2, retried: 0, produceRequests: 1 });
    expect(failures.map((f) => [f.eventId, f.reason]).sort()).toEqual(
      [
        [big.events[0]?.eventId, 'message-too-large'],
        [orphan.events[0]?.eventId, 'schema-not-found'],
      ].sort(),
    );
    expect(failures.find((f) => f.reason === 'schema-not-found')?.errorMessage).toMatch(/.+/);
    expect(failures.every((f) => f.newImage !== undefined && f.sequenceNumber !== undefined)).toBe(true);
    expect(consumed.map((r) => String(r.headers['event-id'])).sort()).toEqual(
      fine.events.map((e) => e.eventId).sort(),
    );
  });
});

describe('Relay under a topic max.message.bytes', () => {
  const topicLimit = 16 * 1024;

  /** A Kafka factory whose producers count the Produce requests they make (kafkajs instrumentation). */
  function countingKafka(): { kafka: () => Kafka; produceRequests: () => number } {
    let requests = 0;
    return {
      produceRequests: () => requests,
      kafka: () => {
        const kafka = new Kafka({ brokers: localEndpoints.kafkaBrokers, logLevel: logLevel.NOTHING });
        const producer = kafka.producer.bind(kafka);
        kafka.producer = (config) => {
          const created = producer(config);
          created.on(created.events.REQUEST, (event) => {
            if (event.payload.apiName === 'Produce') requests += 1;
          });
          return created;
        };
        return kafka;
      },
    };
  }

  /**
   * 100 OrderPlaced events of about 300 bytes on 7 orders, in transactions of 10, and with
   * `oversized` one event of 20 KiB on one of those orders after the first half.
   */
  async function writeHundred(setup: Awaited<ReturnType<typeof pipeline>>, oversized: boolean) {
    const written = [];
    let big: string | undefined;
    for (let tx = 0; tx < 10; tx++) {
      const events = Array.from({ length: 10 }, (_, i) => placed(`o-${(tx * 10 + i) % 7}`, 'S'.repeat(250)));
      written.push(...(await setup.writer.write({ events })).events);
      if (oversized && tx === 4) {
        big = (await setup.writer.write({ events: [placed('o-3', 'X'.repeat(20 * 1024))] })).events[0]
          ?.eventId;
      }
    }
    const records = await readStream(setup.outbox.streamArn, written.length + (oversized ? 1 : 0));
    return { written, big, records };
  }

  it('delivers a batch above the limit in order, in several requests, and still fails an oversized record', async () => {
    const setup = await pipeline({ topicConfig: { 'max.message.bytes': String(topicLimit) } });
    const { written, big, records } = await writeHundred(setup, true);
    const counting = countingKafka();
    const relay = createRelay({
      serde,
      manifest: setup.manifest,
      logger: silent,
      maxMessageBytes: topicLimit,
      producer: createManagedProducer(counting.kafka),
      failures: sqsFailureDestination(sqs, setup.queueUrl),
    });

    const { response, summary } = await relay({ Records: records });
    const consumed = await consumeAll(setup.manifest.topics.map((t) => t.name));
    const failures = await receiveFailures(setup.queueUrl, 1);

    expect(response.batchItemFailures).toEqual([]);
    expect(consumed).toHaveLength(100);
    expect(orderPerKey(consumed)).toEqual(writtenPerKey(written));
    expect(failures.map((f) => [f.eventId, f.reason])).toEqual([[big, 'message-too-large']]);
    expect(summary).toMatchObject({ relayed: 100, failed: 1, retried: 0 });
    expect(summary.produceRequests).toBeGreaterThan(1);
    expect(counting.produceRequests()).toBe(summary.produceRequests);
  });

  it('falls back to one record per request when the topic limit is below the configured one, failing only what the broker refuses alone', async () => {
    const setup = await pipeline({ topicConfig: { 'max.message.bytes': String(topicLimit) } });
    const { written, big, records } = await writeHundred(setup, true);
    const relay = createRelay({
      serde,
      manifest: setup.manifest,
      logger: silent,
      producer: createManagedProducer(
        () => new Kafka({ brokers: localEndpoints.kafkaBrokers, logLevel: logLevel.NOTHING }),
      ),
      failures: sqsFailureDestination(sqs, setup.queueUrl),
    });

    const { response, summary } = await relay({ Records: records });
    const consumed = await consumeAll(setup.manifest.topics.map((t) => t.name));
    const failures = await receiveFailures(setup.queueUrl, 1);

    expect(response.batchItemFailures).toEqual([]);
    // The refused request's partitions whose batches fitted were appended, and sent again record by record.
    expect(new Set(consumed.map((r) => String(r.headers['event-id'])))).toEqual(
      new Set(written.map((e) => e.eventId)),
    );
    expect(orderPerKey(consumed)).toEqual(writtenPerKey(written));
    expect(failures.map((f) => [f.eventId, f.reason])).toEqual([[big, 'message-too-large']]);
    expect(summary).toMatchObject({ relayed: 100, failed: 1, retried: 0, produceRequests: 1 + 101 });
  });

  it('sends a batch within the limit in exactly one Produce request', async () => {
    const setup = await pipeline();
    const { records } = await writeHundred(setup, false);
    const counting = countingKafka();
    const relay = createRelay({
      serde,
      manifest: setup.manifest,
      logger: silent,
      producer: createManagedProducer(counting.kafka),
      failures: sqsFailureDestination(sqs, setup.queueUrl),
    });

    const { summary } = await relay({ Records: records });

    expect(summary).toMatchObject({ relayed: 100, produceRequests: 1 });
    expect(counting.produceRequests()).toBe(1);
  });
});
