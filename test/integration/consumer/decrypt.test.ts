import { CreateTableCommand, DeleteTableCommand, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import avro from 'avsc';
import type { Context } from 'aws-lambda';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fulfilmentTableDefinition } from '../../../functions/fulfilment/table.js';
import { EnvNames } from '../../../functions/lib/config/env-names.js';
import {
  type ConsumerRecord,
  FieldDecryption,
  type KafkaBatchResponse,
  kafkaConsumer,
  type MskTriggerEvent,
} from '../../../functions/lib/consumer/index.js';
import { outboxTableDefinition } from '../../../functions/lib/outbox/index.js';
import { createRegistryClient, DekRegistryClient } from '../../../functions/lib/registry/index.js';
import {
  awsKmsKek,
  confluentEncryptRule,
  DekKeyring,
  type EncryptTarget,
  FieldEncryptor,
  httpDekRegistry,
} from '../../../functions/lib/serde/encryption/index.js';
import { createSerde } from '../../../functions/lib/serde/index.js';
import { orderReadModelTableDefinition } from '../../../functions/order-projection/table.js';
import { stackEnv } from '../../../local/stack/env.js';
import { buildMskEvent } from '../../events/msk/build.js';
import { localClientConfig, uniqueName } from '../../support/local-aws.js';
import { type RunningRegistry, startRegistry, testResources } from '../registry-service/support.js';
import {
  confluentFrame,
  dynamodb,
  envelopeHeaders,
  type Fixture,
  orderPlacedAvro,
  setupFixture,
  silent,
} from './support.js';

/**
 * Consumers reading records whose PII fields the producer encrypted: Eventline's registry service
 * (schemas with the ENCRYPT rule in their ruleSet, and the DEK registry), moto's KMS, Kafka, and
 * DynamoDB Local for the handlers' tables.
 */
type Handler = (event: MskTriggerEvent, context: Context) => Promise<KafkaBatchResponse>;
const context = { getRemainingTimeInMillis: () => 30_000 } as Context;
const kms = new KMSClient(localClientConfig('moto'));
const placedType = avro.Type.forSchema(JSON.parse(orderPlacedAvro));
const kekName = 'orders-pii';

const resources = testResources();
const savedEnv = { ...process.env };
let server: RunningRegistry;
let f: Fixture;
let kmsKeyArn: string;
let schemaId: number;
let target: EncryptTarget;
let fulfilmentTable: string;
let readModel: string;
let outboxTable: string;

function placed(orderId: string) {
  return {
    orderId,
    customerId: 'customer-7',
    lines: [{ sku: 'sku-1', quantity: 2, unitPriceCents: 1250 }],
    totalCents: 2500,
    currency: 'EUR',
    placedAt: 1_795_000_000_000,
    customerEmail: `${orderId}@example.com`,
    shippingAddress: `7 ${orderId} Street, Exampletown`,
  };
}

/** What the outbox writer and the relay make of an order: PII encrypted, Avro in Confluent framing, on Kafka. */
async function produceEncrypted(orderId: string): Promise<MskTriggerEvent> {
  const encryptor = new FieldEncryptor(
    new DekKeyring({
      registry: httpDekRegistry(new DekRegistryClient({ url: server.url })),
      kek: awsKmsKek(kms),
    }),
  );
  const sealed = await encryptor.encrypt(placed(orderId), target);
  const headers = { ...envelopeHeaders(uuidv7(), orderId), 'event-type': 'OrderPlaced' };
  await f.produce([
    { partition: 0, key: orderId, value: confluentFrame(schemaId, placedType.toBuffer(sealed)), headers },
  ]);
  const records = await f.read(f.topic, 1 + produced++);
  return buildMskEvent(records.filter((record) => record.key?.toString() === orderId));
}
let produced = 0;

/**
 * A consumer of the topic with its own serde and decryption step (sharing the serde, whose cached
 * writer schema names the ENCRYPT rule), collecting what its handler is given.
 */
function consumerWith(options: {
  readonly kmsKeyIds: Record<string, string>;
  readonly mask?: string;
  readonly dekRegistryUrl?: string;
}) {
  const serde = createSerde({ registry: { kind: 'confluent', url: server.url } });
  const dekClient = new DekRegistryClient({
    url: options.dekRegistryUrl ?? server.url,
    retry: { retries: 0 },
  });
  const mask = options.mask ? { mask: options.mask } : {};
  const decryption = new FieldDecryption({
    encryptor: new FieldEncryptor(
      new DekKeyring({ registry: httpDekRegistry(dekClient), kek: awsKmsKek(kms) }),
      mask,
    ),
    kmsKeyIds: options.kmsKeyIds,
    writerSchema: (id) => serde.writerSchema?.(id),
    ...mask,
  });
  const seen: Record<string, unknown>[] = [];
  const handle = kafkaConsumer({
    consumerGroup: uniqueName('decrypt-it'),
    serde,
    dlq: f.dlq,
    logger: silent,
    decryption,
    handler: async (record: ConsumerRecord) => {
      seen.push(record.value as Record<string, unknown>);
    },
  });
  return { handle, seen };
}

beforeAll(async () => {
  server = await startRegistry(resources);
  f = await setupFixture();
  const key = await kms.send(new CreateKeyCommand({ Description: 'eventline consumer decrypt test' }));
  kmsKeyArn = key.KeyMetadata?.Arn as string;
  const rule = { tags: ['PII'], kekName, kmsKeyId: kmsKeyArn, dekExpiryDays: 0 };
  target = { type: 'AVRO', definition: orderPlacedAvro, subject: `${f.topic}-value`, rule };
  const client = createRegistryClient({ kind: 'confluent', url: server.url });
  const schema = await client.register(`${f.topic}-value`, {
    type: 'AVRO',
    definition: orderPlacedAvro,
    ruleSet: { domainRules: [confluentEncryptRule(rule)] },
  });
  schemaId = schema.id as number;
  fulfilmentTable = uniqueName('it-decrypt-fulfilment');
  readModel = uniqueName('it-decrypt-read-model');
  outboxTable = uniqueName('it-decrypt-outbox');
  await dynamodb.send(new CreateTableCommand(fulfilmentTableDefinition(fulfilmentTable)));
  await dynamodb.send(new CreateTableCommand(orderReadModelTableDefinition(readModel)));
  await dynamodb.send(new CreateTableCommand(outboxTableDefinition(outboxTable)));
});
afterAll(async () => {
  process.env = savedEnv;
  await f?.teardown();
  await server?.close();
  await resources.drop();
  for (const table of [fulfilmentTable, readModel, outboxTable]) {
    await dynamodb.send(new DeleteTableCommand({ TableName: table })).catch(() => undefined);
  }
});

describe('Consumer field decryption', () => {
  it('reads PII in clear with the KEK, and as ciphertext or the mask without it; Kafka holds only ciphertext', async () => {
    const orderId = uniqueName('o');
    const event = await produceEncrypted(orderId);
    const clear = consumerWith({ kmsKeyIds: { [kekName]: kmsKeyArn } });
    const without = consumerWith({ kmsKeyIds: {} });
    const masked = consumerWith({ kmsKeyIds: {}, mask: '****' });

    const responses = [
      await clear.handle(event, context),
      await without.handle(event, context),
      await masked.handle(event, context),
    ];

    const expected = placed(orderId);
    const onKafka = Buffer.from(Object.values(event.records)[0]?.[0]?.value ?? '', 'base64').toString(
      'latin1',
    );
    expect(responses).toEqual([0, 1, 2].map(() => ({ batchItemFailures: [] })));
    expect(onKafka).toContain(orderId);
    expect(onKafka).not.toContain(expected.customerEmail);
    expect(onKafka).not.toContain(expected.shippingAddress);
    expect(clear.seen[0]).toMatchObject({
      customerEmail: expected.customerEmail,
      shippingAddress: expected.shippingAddress,
    });
    expect(without.seen[0]?.orderId).toBe(orderId);
    expect(without.seen[0]?.shippingAddress).not.toBe(expected.shippingAddress);
    expect(Buffer.from(String(without.seen[0]?.shippingAddress), 'base64').length).toBeGreaterThan(28);
    expect(masked.seen[0]).toMatchObject({ orderId, customerEmail: '****', shippingAddress: '****' });
  });

  it('leaves the record for a retry, not the DLQ, while the DEK registry is unreachable', async () => {
    const orderId = uniqueName('o');
    const event = await produceEncrypted(orderId);
    const cut = consumerWith({ kmsKeyIds: { [kekName]: kmsKeyArn }, dekRegistryUrl: 'http://127.0.0.1:9' });

    const response = await cut.handle(event, context);

    const record = Object.values(event.records)[0]?.[0];
    expect(response.batchItemFailures).toEqual([
      { itemIdentifier: { partition: `${f.topic}-0`, offset: Number(record?.offset) } },
    ]);
    expect(cut.seen).toHaveLength(0);
  });

  it('fulfilment keeps the decrypted shipping address; the order projection, which may not decrypt, stores no PII', async () => {
    Object.assign(process.env, stackEnv(), {
      [EnvNames.idempotencyTableName]: f.idempotencyTable,
      [EnvNames.registryKind]: 'confluent',
      [EnvNames.registryUrl]: server.url,
      [EnvNames.fulfilmentTableName]: fulfilmentTable,
      [EnvNames.orderReadModelTableName]: readModel,
      [EnvNames.outboxTableName]: outboxTable,
      POWERTOOLS_LOG_LEVEL: 'SILENT',
    });
    // Each handler parses its environment once, when imported: as its own function would.
    process.env[EnvNames.consumerGroup] = uniqueName('fulfilment');
    process.env[EnvNames.kekKeyArns] = JSON.stringify({ [kekName]: kmsKeyArn });
    const { handler: fulfilment } = (await import('../../../functions/fulfilment/handler.js')) as {
      handler: Handler;
    };
    process.env[EnvNames.consumerGroup] = uniqueName('order-projection');
    delete process.env[EnvNames.kekKeyArns];
    const { handler: projection } = (await import('../../../functions/order-projection/handler.js')) as {
      handler: Handler;
    };
    const orderId = uniqueName('o');
    const event = await produceEncrypted(orderId);

    const responses = [await fulfilment(event, context), await projection(event, context)];

    const request = await dynamodb.send(
      new GetItemCommand({
        TableName: fulfilmentTable,
        Key: { orderId: { S: orderId } },
        ConsistentRead: true,
      }),
    );
    const projected = await dynamodb.send(
      new GetItemCommand({ TableName: readModel, Key: { orderId: { S: orderId } }, ConsistentRead: true }),
    );
    const expected = placed(orderId);
    expect(responses).toEqual([{ batchItemFailures: [] }, { batchItemFailures: [] }]);
    expect(request.Item?.shippingAddress?.S).toBe(expected.shippingAddress);
    expect(projected.Item?.status?.S).toBe('PLACED');
    expect(Object.keys(projected.Item ?? {})).not.toContain('customerEmail');
    expect(Object.keys(projected.Item ?? {})).not.toContain('shippingAddress');
    expect(JSON.stringify(projected.Item)).not.toContain(expected.customerEmail);
    expect(JSON.stringify(projected.Item)).not.toContain('Exampletown');
  });
});
