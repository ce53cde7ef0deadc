import {
  CreateTableCommand,
  DeleteTableCommand,
  GetItemCommand,
  QueryCommand,
} from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import avro from 'avsc';
import type { Context } from 'aws-lambda';
import protobuf from 'protobufjs';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, describe, expect, it } from 'vitest';
import { requestFulfilment } from '../../../functions/fulfilment/request-fulfilment.js';
import { fulfilmentTableDefinition } from '../../../functions/fulfilment/table.js';
import { kafkaConsumer } from '../../../functions/lib/consumer/index.js';
import { loadManifest } from '../../../functions/lib/manifest/index.js';
import {
  aggregateKey,
  createOutboxWriter,
  outboxTableDefinition,
} from '../../../functions/lib/outbox/index.js';
import { orderProjection } from '../../../functions/order-projection/project.js';
import { orderReadModelTableDefinition } from '../../../functions/order-projection/table.js';
import { buildMskEvent } from '../../events/msk/build.js';
import { uniqueName } from '../../support/local-aws.js';
import {
  confluentFrame,
  dynamodb,
  envelopeHeaders,
  type Fixture,
  orderCancelledProto,
  orderPaidAvro,
  orderPlacedAvro,
  SchemaIds,
  serde,
  setupFixture,
  silent,
} from './support.js';

const placedType = avro.Type.forSchema(JSON.parse(orderPlacedAvro));
const paidType = avro.Type.forSchema(JSON.parse(orderPaidAvro));
const cancelledType = protobuf
  .parse(orderCancelledProto, { keepCase: true })
  .root.lookupType('dev.eventline.orders.OrderCancelled');
const context = { getRemainingTimeInMillis: () => 30_000 } as Context;

/** The item of `orderId` in a table keyed by order id, as a plain object (`{}` when there is none). */
async function orderItem(table: string, orderId: string): Promise<Record<string, unknown>> {
  const { Item } = await dynamodb.send(
    new GetItemCommand({ TableName: table, Key: { orderId: { S: orderId } }, ConsistentRead: true }),
  );
  return unmarshall(Item ?? {});
}

/** A full envelope: the handlers read the event type from it, and it needs a UUIDv7 event id. */
function headers(eventType: string, orderId: string) {
  return { ...envelopeHeaders(uuidv7(), orderId), 'event-type': eventType };
}

const placed = (orderId: string) =>
  confluentFrame(
    SchemaIds.orderPlaced,
    placedType.toBuffer({
      orderId,
      customerId: 'c-1',
      lines: [{ sku: 'sku-1', quantity: 2, unitPriceCents: 500 }],
      totalCents: 1000,
      currency: 'EUR',
      placedAt: 1_795_000_000_000,
      customerEmail: `${orderId}@example.com`,
      shippingAddress: `1 ${orderId} Street, 1000 Exampletown`,
    }),
  );
const paid = (orderId: string) =>
  confluentFrame(
    SchemaIds.orderPaid,
    paidType.toBuffer({ orderId, paymentId: `pay-${orderId}`, amountCents: 1000, paidAt: 1_795_000_100_000 }),
  );
const cancelled = (orderId: string) =>
  confluentFrame(
    SchemaIds.orderCancelled,
    // Confluent Protobuf framing: message-index array [0] written as the single byte 0x00.
    Buffer.concat([
      Buffer.from([0x00]),
      Buffer.from(
        cancelledType
          .encode(
            cancelledType.fromObject({
              order_id: orderId,
              reason: 'OUT_OF_STOCK',
              cancelled_at: 1_795_000_200_000,
            }),
          )
          .finish(),
      ),
    ]),
  );

describe('example consumers', () => {
  const tables: string[] = [];
  const fixtures: Fixture[] = [];
  async function fixture(): Promise<Fixture> {
    const created = await setupFixture();
    fixtures.push(created);
    return created;
  }
  afterAll(async () => {
    await Promise.all(fixtures.map((f) => f.teardown()));
    for (const table of tables)
      await dynamodb.send(new DeleteTableCommand({ TableName: table })).catch(() => undefined);
  });

  async function table(
    definition: (name: string) => ConstructorParameters<typeof CreateTableCommand>[0],
    prefix: string,
  ) {
    const name = uniqueName(prefix);
    await dynamodb.send(new CreateTableCommand(definition(name)));
    tables.push(name);
    return name;
  }

  it('order projection keeps the furthest status when a paid event arrives before its placed event', async () => {
    const f = await fixture();
    const readModel = await table(orderReadModelTableDefinition, 'it-orders-read');
    await f.produce([
      { partition: 0, key: 'o-7', value: paid('o-7'), headers: headers('OrderPaid', 'o-7') },
      { partition: 0, key: 'o-7', value: placed('o-7'), headers: headers('OrderPlaced', 'o-7') },
      { partition: 1, key: 'o-8', value: placed('o-8'), headers: headers('OrderPlaced', 'o-8') },
      { partition: 1, key: 'o-8', value: cancelled('o-8'), headers: headers('OrderCancelled', 'o-8') },
    ]);
    const handle = kafkaConsumer({
      consumerGroup: uniqueName('order-projection'),
      serde,
      dlq: f.dlq,
      idempotency: f.idempotency,
      logger: silent,
      handler: orderProjection({ client: dynamodb, tableName: readModel }),
    });

    const response = await handle(buildMskEvent(await f.read(f.topic, 4)), context);
    const item = (orderId: string) => orderItem(readModel, orderId);

    expect(response).toEqual({ batchItemFailures: [] });
    // The read model may not read PII: it stores neither the email nor the address.
    for (const orderId of ['o-7', 'o-8']) {
      expect(Object.keys(await item(orderId))).not.toEqual(
        expect.arrayContaining([expect.stringMatching(/email|address/i)]),
      );
    }
    expect(await item('o-7')).toMatchObject({
      status: 'PAID',
      paymentId: 'pay-o-7',
      customerId: 'c-1',
      totalCents: 1000,
    });
    expect(await item('o-8')).toMatchObject({
      status: 'CANCELLED',
      cancelReason: 'OUT_OF_STOCK',
      lineCount: 1,
    });
  });

  it('fulfilment records the request and its FulfilmentRequested outbox event in one transaction, once', async () => {
    const f = await fixture();
    const fulfilment = await table(fulfilmentTableDefinition, 'it-fulfilment');
    const outboxTable = await table(outboxTableDefinition, 'it-outbox');
    const outbox = createOutboxWriter({
      client: dynamodb,
      tableName: outboxTable,
      manifest: loadManifest(),
      source: 'fulfilment',
    });
    const orderId = uniqueName('o');
    await f.produce([
      {
        partition: 2,
        key: orderId,
        value: paid(orderId),
        headers: headers('OrderPaid', orderId),
      },
    ]);
    const event = buildMskEvent(await f.read(f.topic, 1));
    const consumer = (group: string) =>
      kafkaConsumer({
        consumerGroup: group,
        serde,
        dlq: f.dlq,
        idempotency: f.idempotency,
        logger: silent,
        handler: requestFulfilment({ client: dynamodb, tableName: fulfilment, outbox }),
      });
    const group = uniqueName('fulfilment');

    const first = await consumer(group)(event, context);
    await consumer(group)(event, context);
    // A second consumer group (no shared idempotency record) still cannot request twice.
    const otherGroup = await consumer(uniqueName('fulfilment-b'))(event, context);
    const outboxItems = await dynamodb.send(
      new QueryCommand({
        TableName: outboxTable,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': { S: aggregateKey('Order', orderId) } },
        ConsistentRead: true,
      }),
    );
    const request = await dynamodb.send(
      new GetItemCommand({ TableName: fulfilment, Key: { orderId: { S: orderId } }, ConsistentRead: true }),
    );

    expect(first).toEqual({ batchItemFailures: [] });
    expect(otherGroup).toEqual({ batchItemFailures: [] });
    expect(request.Item?.status?.S).toBe('REQUESTED');
    expect(outboxItems.Items?.map((i) => unmarshall(i).eventType)).toEqual(['FulfilmentRequested']);
    expect(unmarshall(outboxItems.Items?.[0] ?? {}).payload).toMatchObject({
      orderId,
      fulfilmentId: `ful-${orderId}`,
    });
  });

  it('fulfilment keeps the shipping address of OrderPlaced beside the request, whichever arrives first', async () => {
    const f = await fixture();
    const fulfilment = await table(fulfilmentTableDefinition, 'it-fulfilment');
    const outboxTable = await table(outboxTableDefinition, 'it-outbox');
    const outbox = createOutboxWriter({
      client: dynamodb,
      tableName: outboxTable,
      manifest: loadManifest(),
      source: 'fulfilment',
    });
    const paidFirst = uniqueName('o');
    const placedFirst = uniqueName('o');
    await f.produce([
      { partition: 0, key: paidFirst, value: paid(paidFirst), headers: headers('OrderPaid', paidFirst) },
      { partition: 0, key: paidFirst, value: placed(paidFirst), headers: headers('OrderPlaced', paidFirst) },
      {
        partition: 1,
        key: placedFirst,
        value: placed(placedFirst),
        headers: headers('OrderPlaced', placedFirst),
      },
      {
        partition: 1,
        key: placedFirst,
        value: paid(placedFirst),
        headers: headers('OrderPaid', placedFirst),
      },
    ]);
    const handle = kafkaConsumer({
      consumerGroup: uniqueName('fulfilment'),
      serde,
      dlq: f.dlq,
      idempotency: f.idempotency,
      logger: silent,
      handler: requestFulfilment({ client: dynamodb, tableName: fulfilment, outbox }),
    });

    const response = await handle(buildMskEvent(await f.read(f.topic, 4)), context);
    const request = (orderId: string) => orderItem(fulfilment, orderId);

    expect(response).toEqual({ batchItemFailures: [] });
    for (const orderId of [paidFirst, placedFirst]) {
      expect(await request(orderId)).toMatchObject({
        status: 'REQUESTED',
        fulfilmentId: `ful-${orderId}`,
        shippingAddress: `1 ${orderId} Street, 1000 Exampletown`,
      });
    }
  });
});
