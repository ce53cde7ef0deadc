import { GetItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OutboxEncryptionError } from '../../../functions/lib/outbox/errors.js';
import { createOutboxWriter } from '../../../functions/lib/outbox/index.js';
import { fromOutboxItem } from '../../../functions/lib/outbox/item.js';
import { DekRegistryClient } from '../../../functions/lib/registry/index.js';
import {
  awsKmsKek,
  DekKeyring,
  FieldEncryptor,
  httpDekRegistry,
  manifestEncryptTarget,
} from '../../../functions/lib/serde/encryption/index.js';
import { localClientConfig } from '../../support/local-aws.js';
import { type RunningRegistry, startRegistry, testResources } from '../registry-service/support.js';
import { dropTables, dynamodb, outboxTable, readStream, testManifest } from './support.js';

const kms = new KMSClient(localClientConfig('moto'));
const resources = testResources();
const { manifest } = testManifest();
const placed = {
  orderId: 'o-42',
  customerId: 'c-1',
  lines: [{ sku: 'sku-1', quantity: 1, unitPriceCents: 1200 }],
  totalCents: 1200,
  currency: 'EUR',
  placedAt: Date.parse('2026-12-01T10:00:00Z'),
  customerEmail: 'linus@example.com',
  shippingAddress: '12 Rue des Lilas, Lyon',
};
let server: RunningRegistry;
let table: { table: string; streamArn: string };
let kmsKeyIds: Record<string, string>;

function encryptor(): FieldEncryptor {
  const registry = httpDekRegistry(new DekRegistryClient({ url: server.url }));
  return new FieldEncryptor(new DekKeyring({ registry, kek: awsKmsKek(kms) }));
}

beforeAll(async () => {
  server = await startRegistry(resources);
  table = await outboxTable();
  const key = await kms.send(new CreateKeyCommand({ Description: 'eventline outbox encryption test' }));
  kmsKeyIds = { 'orders-pii': key.KeyMetadata?.Arn as string };
});
afterAll(async () => {
  await server?.close();
  await resources.drop();
  await dropTables(table.table);
});

describe('Outbox writer field encryption', () => {
  it('writes PII-tagged fields as ciphertext to the table and its stream, with DEKs from the registry service', async () => {
    const outbox = createOutboxWriter({
      client: dynamodb,
      tableName: table.table,
      manifest,
      source: 'orders',
      encryption: { encryptor: encryptor(), kmsKeyIds },
    });

    const { events } = await outbox.write({
      events: [{ eventType: 'OrderPlaced', aggregateId: 'o-42', payload: placed }],
    });
    const event = events[0];
    const item = await dynamodb.send(
      new GetItemCommand({
        TableName: table.table,
        Key: { pk: { S: `Order#o-42` }, sk: { S: event?.eventId as string } },
      }),
    );
    const [streamed] = await readStream(table.streamArn, 1);
    const stored = fromOutboxItem(item.Item ?? {}).payload as typeof placed;
    const topic = manifest.topicForEvent('OrderPlaced');
    const target = manifestEncryptTarget(topic, manifest.subjectStrategy, kmsKeyIds);

    expect(JSON.stringify(item.Item)).not.toContain('linus@example.com');
    expect(JSON.stringify(item.Item)).not.toContain('Rue des Lilas');
    expect(JSON.stringify(streamed)).not.toContain('linus@example.com');
    expect(stored.orderId).toBe('o-42');
    expect(stored.customerEmail).not.toBe(placed.customerEmail);
    expect(target).toBeDefined();
    if (target === undefined) return;
    expect(await encryptor().decrypt(stored, target)).toEqual(placed);
    const dek = await new DekRegistryClient({ url: server.url }).getDek('orders-pii', `${topic.name}-value`);
    expect(dek).toMatchObject({ version: 1, algorithm: 'AES256_GCM' });
  });

  it('refuses the write, and writes nothing, when the KEK has no KMS key configured', async () => {
    const outbox = createOutboxWriter({
      client: dynamodb,
      tableName: table.table,
      manifest,
      source: 'orders',
      encryption: { encryptor: encryptor(), kmsKeyIds: {} },
    });

    const failure = await outbox
      .write({ events: [{ eventType: 'OrderPlaced', aggregateId: 'o-43', payload: placed }] })
      .catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(OutboxEncryptionError);
    expect((failure as Error).message).toMatch(/KEK orders-pii, but no KMS key is configured/);
    const written = await dynamodb.send(
      new QueryCommand({
        TableName: table.table,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': { S: 'Order#o-43' } },
      }),
    );
    expect(written.Count).toBe(0);
  });
});
