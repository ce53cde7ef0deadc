import { readFileSync } from 'node:fs';
import {
  CreateTableCommand,
  DeleteTableCommand,
  DynamoDBClient,
  GetItemCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import avro from 'avsc';
import { type IHeaders, Kafka, logLevel } from 'kafkajs';
import { kafkaDlqPublisher } from '../../../functions/lib/dlq/index.js';
import {
  dynamoDbIdempotencyStore,
  idempotencyTableDefinition,
} from '../../../functions/lib/idempotency/index.js';
import { createKafka, createManagedProducer } from '../../../functions/lib/kafka/index.js';
import { type RegisteredSchema, SchemaNotFoundError } from '../../../functions/lib/registry/index.js';
import type { SchemaInput, SchemaRegistryClient } from '../../../functions/lib/registry/types.js';
import { createSerde } from '../../../functions/lib/serde/index.js';
import { readRecords as readKafkaRecords } from '../../../local/kafka/read-records.js';
import { partitionRanges } from '../../../local/kafka/start-offsets.js';
import type { SourceRecord } from '../../events/msk/build.js';
import { WaitTimeoutError } from '../../support/errors.js';
import { localClientConfig, localEndpoints, uniqueName } from '../../support/local-aws.js';

const schemasDir = new URL('../../../schemas/orders/', import.meta.url);
export const orderPaidAvro = readFileSync(new URL('order-paid.avsc', schemasDir), 'utf8');
export const fulfilmentJson = readFileSync(new URL('fulfilment-requested.schema.json', schemasDir), 'utf8');
export const orderPlacedAvro = readFileSync(new URL('order-placed.avsc', schemasDir), 'utf8');
export const orderCancelledProto = readFileSync(new URL('order-cancelled.proto', schemasDir), 'utf8');

/** Schema ids the tests' registry knows; anything else is "not found", as a real registry answers. */
export const SchemaIds = {
  orderPaid: 1,
  fulfilment: 2,
  orderPlaced: 3,
  orderCancelled: 4,
  glueOrderPaid: '5f0f7d1c-7a4e-4c1b-9d55-0c7f3e2a9b10',
} as const;

/**
 * Lookups by id only, from a fixed table: the serde under test is real, the registry is not
 * what these tests are about (the registry clients have their own tests against Apicurio and Glue).
 */
function tableRegistry(): SchemaRegistryClient {
  const schemas = new Map<number | string, SchemaInput>([
    [SchemaIds.orderPaid, { type: 'AVRO', definition: orderPaidAvro }],
    [SchemaIds.fulfilment, { type: 'JSON', definition: fulfilmentJson }],
    [SchemaIds.glueOrderPaid, { type: 'AVRO', definition: orderPaidAvro }],
    [SchemaIds.orderPlaced, { type: 'AVRO', definition: orderPlacedAvro }],
    [SchemaIds.orderCancelled, { type: 'PROTOBUF', definition: orderCancelledProto }],
  ]);
  const only = () => Promise.reject(new Error('the consumer tests only look schemas up by id'));
  return {
    kind: 'confluent',
    async getById(id): Promise<RegisteredSchema> {
      const schema = schemas.get(id);
      if (!schema) throw new SchemaNotFoundError(`schema ${id} not found`);
      return { id, type: schema.type, definition: schema.definition };
    },
    register: only,
    lookup: only,
    getLatest: only,
    listSubjects: only,
    checkCompatibility: only,
    getCompatibility: only,
    setCompatibility: only,
  };
}

export const serde = createSerde({
  registry: { kind: 'confluent', url: 'http://unused' },
  client: tableRegistry(),
});

const kafka = new Kafka({
  brokers: localEndpoints.kafkaBrokers,
  clientId: 'consumer-it',
  logLevel: logLevel.NOTHING,
});
export const dynamodb = new DynamoDBClient(localClientConfig('dynamodb'));

export function confluentFrame(schemaId: number, payload: Buffer): Buffer {
  const header = Buffer.alloc(5);
  header.writeInt32BE(schemaId, 1);
  return Buffer.concat([header, payload]);
}

const orderPaidType = avro.Type.forSchema(JSON.parse(orderPaidAvro));

/** One OrderPaid value for the order, Avro in Confluent framing. */
export function paidBytes(orderId: string): Buffer {
  const payload = orderPaidType.toBuffer({
    orderId,
    paymentId: `pay-${orderId}`,
    amountCents: 4200,
    paidAt: 1_795_000_000_000,
  });
  return confluentFrame(SchemaIds.orderPaid, payload);
}

/** The consumer's logger in tests that assert on outcomes, not on log lines. */
export const silent = { warn: () => undefined, error: () => undefined };

export function glueFrame(uuid: string, payload: Buffer): Buffer {
  return Buffer.concat([Buffer.from([0x03, 0x00]), Buffer.from(uuid.replaceAll('-', ''), 'hex'), payload]);
}

export interface Fixture {
  readonly topic: string;
  readonly dlqTopic: string;
  readonly idempotencyTable: string;
  readonly effectsTable: string;
  readonly consumerGroup: string;
  readonly dlqProducer: ReturnType<typeof createManagedProducer>;
  readonly dlq: ReturnType<typeof kafkaDlqPublisher>;
  readonly idempotency: ReturnType<typeof dynamoDbIdempotencyStore>;
  produce(messages: { partition: number; key: string; value: Buffer; headers?: IHeaders }[]): Promise<void>;
  /** Reads `count` records back from the topic, as Lambda's poller would, with their real offsets. */
  read(topic: string, count: number): Promise<SourceRecord[]>;
  /** Creates `<topic>.dlq` when the fixture was set up without it (auto-create is off: producing to it fails until then). */
  createDlqTopic(): Promise<void>;
  /** The handler's side effect: one counter per event id in a real DynamoDB table. */
  recordEffect(eventId: string): Promise<void>;
  effects(eventId: string): Promise<number>;
  teardown(): Promise<void>;
}

/** A topic with three partitions, its DLQ, an idempotency table and a side-effects table, all unique to the test. */
export async function setupFixture(options: { readonly dlqTopic?: boolean } = {}): Promise<Fixture> {
  const topic = uniqueName('it.consumer.paid').replaceAll('-', '');
  const dlqTopic = `${topic}.dlq`;
  const idempotencyTable = uniqueName('it-idempotency');
  const effectsTable = uniqueName('it-effects');
  const consumerGroup = uniqueName('projection');
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({
    topics: [
      { topic, numPartitions: 3 },
      ...(options.dlqTopic === false ? [] : [{ topic: dlqTopic, numPartitions: 1 }]),
    ],
    waitForLeaders: true,
  });
  await admin.disconnect();
  await dynamodb.send(new CreateTableCommand(idempotencyTableDefinition(idempotencyTable)));
  await dynamodb.send(
    new CreateTableCommand({
      TableName: effectsTable,
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  const dlqProducer = createManagedProducer(() =>
    createKafka({
      clientId: 'consumer-it-dlq',
      brokers: localEndpoints.kafkaBrokers,
      logLevel: logLevel.NOTHING,
    }),
  );

  return {
    topic,
    dlqTopic,
    idempotencyTable,
    effectsTable,
    consumerGroup,
    dlqProducer,
    dlq: kafkaDlqPublisher({ producer: dlqProducer }),
    idempotency: dynamoDbIdempotencyStore({ client: dynamodb, tableName: idempotencyTable }),
    async produce(messages) {
      await producer.send({ topic, acks: -1, messages });
    },
    read: (from, count) => readRecords(from, count),
    async createDlqTopic() {
      const late = kafka.admin();
      await late.connect();
      await late.createTopics({ topics: [{ topic: dlqTopic, numPartitions: 1 }], waitForLeaders: true });
      await late.disconnect();
    },
    async recordEffect(eventId) {
      await dynamodb.send(
        new UpdateItemCommand({
          TableName: effectsTable,
          Key: { id: { S: eventId } },
          UpdateExpression: 'ADD runs :one',
          ExpressionAttributeValues: { ':one': { N: '1' } },
        }),
      );
    },
    async effects(eventId) {
      const { Item } = await dynamodb.send(
        new GetItemCommand({ TableName: effectsTable, Key: { id: { S: eventId } }, ConsistentRead: true }),
      );
      return Number(Item?.runs?.N ?? 0);
    },
    async teardown() {
      await producer.disconnect();
      await dlqProducer.disconnect();
      const cleanup = kafka.admin();
      await cleanup.connect();
      await cleanup.deleteTopics({ topics: [topic, dlqTopic] }).catch(() => undefined);
      await cleanup.disconnect();
      for (const table of [idempotencyTable, effectsTable]) {
        await dynamodb.send(new DeleteTableCommand({ TableName: table })).catch(() => undefined);
      }
    },
  };
}

/** The first `count` records of a topic, in partition and offset order; fails after 30 s without them. */
async function readRecords(topic: string, count: number): Promise<SourceRecord[]> {
  const admin = kafka.admin();
  await admin.connect();
  const ranges = await partitionRanges(admin, topic, { kind: 'beginning' }).finally(() => admin.disconnect());
  const records: SourceRecord[] = [];
  const timeoutMs = 30_000;
  await readKafkaRecords(
    kafka,
    ranges.map((range) => ({ topic, ...range })),
    ({ partition, message }) => {
      records.push({
        topic,
        partition,
        offset: message.offset,
        timestamp: message.timestamp,
        key: message.key,
        value: message.value,
        headers: message.headers ?? {},
      });
    },
    { follow: true, max: count, signal: AbortSignal.timeout(timeoutMs), groupPrefix: 'it-reader' },
  );
  if (records.length < count) throw new WaitTimeoutError(`${count} records on ${topic}`, timeoutMs);
  return records.sort((a, b) => a.partition - b.partition || Number(a.offset) - Number(b.offset));
}

export function envelopeHeaders(eventId: string, orderId: string): IHeaders {
  return {
    'event-id': eventId,
    'event-type': 'OrderPaid',
    'aggregate-type': 'Order',
    'aggregate-id': orderId,
    'occurred-at': new Date('2026-11-24T12:00:00.000Z').toISOString(),
    source: 'payments',
  };
}
