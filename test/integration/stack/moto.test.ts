import {
  CreateRegistryCommand,
  CreateSchemaCommand,
  DeleteRegistryCommand,
  GetSchemaVersionCommand,
  GlueClient,
} from '@aws-sdk/client-glue';
import { afterAll, describe, expect, it } from 'vitest';
import { localClientConfig, uniqueName } from '../../support/local-aws.js';

describe('moto Glue Schema Registry', () => {
  const glue = new GlueClient(localClientConfig('glue'));
  const registry = uniqueName('smoke-registry');
  // moto allows ten Glue registries per account: give this one back.
  afterAll(() => glue.send(new DeleteRegistryCommand({ RegistryId: { RegistryName: registry } })));

  it('creates a registry and a schema whose first version reads back by id', async () => {
    const definition = JSON.stringify({
      type: 'record',
      name: 'Ping',
      fields: [{ name: 'id', type: 'string' }],
    });
    await glue.send(new CreateRegistryCommand({ RegistryName: registry }));

    const created = await glue.send(
      new CreateSchemaCommand({
        RegistryId: { RegistryName: registry },
        SchemaName: 'smoke.ping.sent-value',
        DataFormat: 'AVRO',
        Compatibility: 'BACKWARD',
        SchemaDefinition: definition,
      }),
    );
    const version = await glue.send(
      new GetSchemaVersionCommand({ SchemaVersionId: created.SchemaVersionId }),
    );

    expect(created.SchemaVersionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(version.VersionNumber).toBe(1);
    expect(JSON.parse(version.SchemaDefinition ?? '{}')).toEqual(JSON.parse(definition));
  });
});
