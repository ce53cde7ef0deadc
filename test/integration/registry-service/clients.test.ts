import { SchemaRegistry, SchemaType } from '@kafkajs/confluent-schema-registry';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueName } from '../../support/local-aws.js';
import { type RunningRegistry, startRegistry, testResources } from './support.js';

const resources = testResources();
let server: RunningRegistry;
beforeAll(async () => {
  server = await startRegistry(resources, { users: { relay: 's3cret' } });
});
afterAll(async () => {
  await server?.close();
  await resources.drop();
});

const schema = JSON.stringify({
  type: 'record',
  name: 'OrderPlaced',
  namespace: 'clients',
  fields: [
    { name: 'orderId', type: 'string' },
    { name: 'total', type: 'long' },
  ],
});

describe('kafkajs registry client against the registry service', () => {
  it('registers, looks up, fetches and round-trips a record, with basic auth', async () => {
    const registry = new SchemaRegistry({
      host: server.url,
      auth: { username: 'relay', password: 's3cret' },
    });
    const subject = uniqueName('clients.order.placed-value');
    const { id } = await registry.register({ type: SchemaType.AVRO, schema }, { subject });
    expect(await registry.getLatestSchemaId(subject)).toBe(id);
    expect(await registry.getRegistryId(subject, 1)).toBe(id);
    expect(await registry.getRegistryIdBySchema(subject, { type: SchemaType.AVRO, schema })).toBe(id);
    const bytes = await registry.encode(id, { orderId: 'o-1', total: 4200 });
    expect(bytes[0]).toBe(0);
    expect(bytes.readInt32BE(1)).toBe(id);
    // A fresh client has no cache, so decoding fetches the schema by id from the service.
    const fresh = new SchemaRegistry({ host: server.url, auth: { username: 'relay', password: 's3cret' } });
    expect(await fresh.decode(bytes)).toEqual({ orderId: 'o-1', total: 4200 });
  });

  it('is refused without credentials', async () => {
    const registry = new SchemaRegistry({ host: server.url, retry: { retries: 0 } });
    await expect(registry.getLatestSchemaId(uniqueName('nobody-value'))).rejects.toMatchObject({
      status: 401,
    });
  });
});
