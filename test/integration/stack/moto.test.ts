import {
  CreateRegistryCommand,
  CreateSchemaCommand,
  GetSchemaVersionCommand,
  GlueClient,
} from '@aws-sdk/client-glue';
import { describe, expect, it } from 'vitest';
import { localClientConfig, uniqueName } from '../../support/local-aws.js';

describe('moto Glue Schema Registry', () => {
  const glue = new GlueClient(localClientConfig('glue'));

  it('creates a registry and a schema whose first version reads back by id', async () => {
    const registry = uniqueName('smoke-registry');
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
