import {
  CreateTableCommand,
  DeleteTableCommand,
  GetItemCommand,
  QueryCommand,
} from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { Context } from 'aws-lambda';
import type { KafkaMessage } from 'kafkajs';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fulfilmentTableDefinition } from '../../../functions/fulfilment/table.js';
import { EnvNames } from '../../../functions/lib/config/env-names.js';
import type { KafkaBatchResponse, MskTriggerEvent } from '../../../functions/lib/consumer/index.js';
import { aggregateKey, outboxTableDefinition } from '../../../functions/lib/outbox/index.js';
import { createRegistryClient } from '../../../functions/lib/registry/index.js';
import { createSerde } from '../../../functions/lib/serde/index.js';
import { orderReadModelTableDefinition } from '../../../functions/order-projection/table.js';
import { stackEnv } from '../../../local/stack/env.js';
import { buildMskEvent } from '../../events/msk/build.js';
import { localEndpoints, uniqueName } from '../../support/local-aws.js';
import {
  confluentFrame,
  dynamodb,
  envelopeHeaders,
  type Fixture,
  orderPaidAvro,
  setupFixture,
} from './support.js';

/**
 * The deployed entry point, end to end: environment parsed at cold start, Apicurio as the
 * Confluent-compatible registry, Kafka for the DLQ, DynamoDB Local for idempotency and the read model.
 */
type Handler = (event: MskTriggerEvent, context: Context) => Promise<KafkaBatchResponse>;
const context = { getRemainingTimeInMillis: () => 30_000 } as Context;

describe('consumer handler entry points', () => {
  let f: Fixture;
  let readModel: string;
  let fulfilmentTable: string;
  let outboxTable: string;
  let handler: Handler;
  let fulfilment: Handler;
  const registry = { kind: 'confluent', url: localEndpoints.apicurioUrl } as const;

  const savedEnv = { ...process.env };

  /** An OrderPaid as a producer writes it: Avro, registered in Apicurio on the way. */
  const encodePaid = (payment: { orderId: string; paymentId: string; amountCents: number }) =>
    createSerde({ registry, client: createRegistryClient(registry), autoRegister: true }).encode(
      { ...payment, paidAt: 1_795_000_000_000 },
      { topic: f.topic, schema: { type: 'AVRO', definition: orderPaidAvro } },
    );

  beforeAll(async () => {
    f = await setupFixture();
    readModel = uniqueName('it-read-model');
    fulfilmentTable = uniqueName('it-fulfilment');
    outboxTable = uniqueName('it-outbox');
    await dynamodb.send(new CreateTableCommand(orderReadModelTableDefinition(readModel)));
    await dynamodb.send(new CreateTableCommand(fulfilmentTableDefinition(fulfilmentTable)));
    await dynamodb.send(new CreateTableCommand(outboxTableDefinition(outboxTable)));
    Object.assign(process.env, stackEnv(), {
      [EnvNames.consumerGroup]: f.consumerGroup,
      [EnvNames.idempotencyTableName]: f.idempotencyTable,
      [EnvNames.registryKind]: 'confluent',
      [EnvNames.registryUrl]: localEndpoints.apicurioUrl,
      [EnvNames.orderReadModelTableName]: readModel,
      [EnvNames.fulfilmentTableName]: fulfilmentTable,
      [EnvNames.outboxTableName]: outboxTable,
      POWERTOOLS_LOG_LEVEL: 'SILENT',
    });
    ({ handler } = await import('../../../functions/order-projection/handler.js'));
    ({ handler: fulfilment } = await import('../../../functions/fulfilment/handler.js'));
  });
  afterAll(async () => {
    process.env = savedEnv;
    await f.teardown();
    for (const table of [readModel, fulfilmentTable, outboxTable]) {
      await dynamodb.send(new DeleteTableCommand({ TableName: table })).catch(() => undefined);
    }
  });

  it('projects a registry-encoded OrderPaid and dead-letters a record whose schema id the registry does not know', async () => {
    const orderId = uniqueName('o');
    const paid = await encodePaid({ orderId, paymentId: 'pay-1', amountCents: 990 });
    const unknownId = confluentFrame(2_000_000_000, paid.subarray(5));
    await f.produce([
      { partition: 0, key: orderId, value: paid, headers: { ...envelopeHeaders(uuidv7(), orderId) } },
      { partition: 0, key: orderId, value: unknownId, headers: { ...envelopeHeaders(uuidv7(), orderId) } },
    ]);
    const event = buildMskEvent(await f.read(f.topic, 2));

    const response = await handler(event, context);
    const [dead] = await f.read(f.dlqTopic, 1);
    const item = await dynamodb.send(
      new GetItemCommand({ TableName: readModel, Key: { orderId: { S: orderId } }, ConsistentRead: true }),
    );

    expect(response).toEqual({ batchItemFailures: [] });
    expect(item.Item?.status?.S).toBe('PAID');
    expect(item.Item?.paidCents?.N).toBe('990');
    expect((dead?.headers as KafkaMessage['headers'])?.['dlq-reason']?.toString()).toBe('schema-not-found');
  });

  it('fulfilment handler turns OrderPaid into a request and a FulfilmentRequested outbox item', async () => {
    const orderId = uniqueName('o');
    const paid = await encodePaid({ orderId, paymentId: 'pay-2', amountCents: 500 });
    const headers = { ...envelopeHeaders(uuidv7(), orderId), 'event-type': 'OrderPaid' };
    const event = buildMskEvent([
      {
        topic: f.topic,
        partition: 2,
        offset: 0,
        timestamp: Date.now(),
        key: Buffer.from(orderId),
        value: paid,
        headers,
      },
    ]);

    const response = await fulfilment(event, context);
    const outbox = await dynamodb.send(
      new QueryCommand({
        TableName: outboxTable,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': { S: aggregateKey('Order', orderId) } },
        ConsistentRead: true,
      }),
    );

    expect(response).toEqual({ batchItemFailures: [] });
    expect(outbox.Items?.map((i) => unmarshall(i).eventType)).toEqual(['FulfilmentRequested']);
  });
});
