import { SchemaRegistry, SchemaType } from '@kafkajs/confluent-schema-registry';
import { describe, expect, it } from 'vitest';
import { localEndpoints, uniqueName } from '../../support/local-aws.js';

describe('Apicurio Confluent-compatible API', () => {
  const registry = new SchemaRegistry({ host: localEndpoints.apicurioUrl });

  it('registers a subject and serves the schema back by id', async () => {
    const subject = `${uniqueName('smoke.ping.sent')}-value`;
    const schema = JSON.stringify({
      type: 'record',
      name: 'Ping',
      namespace: 'smoke',
      fields: [{ name: 'id', type: 'string' }],
    });

    const { id } = await registry.register({ type: SchemaType.AVRO, schema }, { subject });
    const fetched = await registry.getSchema(id);
    const encoded = await registry.encode(id, { id: 'p-1' });

    expect(id).toBeGreaterThan(0);
    expect(await registry.getLatestSchemaId(subject)).toBe(id);
    expect(fetched).toBeDefined();
    expect(await registry.decode(encoded)).toEqual({ id: 'p-1' });
  });
});
