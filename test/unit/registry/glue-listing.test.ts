import { describe, expect, it } from 'vitest';
import { GlueRegistryClient, RegistryRequestError } from '../../../functions/lib/registry/index.js';
import { awsError, FakeGlue } from './fake-glue.js';

// moto does not implement ListSchemas, so paging is checked against a scripted Glue.
describe('GlueRegistryClient listing and registry-wide settings', () => {
  it('follows ListSchemas pages until there is no NextToken', async () => {
    const glue = new FakeGlue({
      ListSchemas: (input) =>
        input.NextToken === 'page-2'
          ? { Schemas: [{ SchemaName: 'c-value' }] }
          : { Schemas: [{ SchemaName: 'a-value' }, { SchemaName: 'b-value' }], NextToken: 'page-2' },
    });
    const client = new GlueRegistryClient({ registryName: 'eventline', glue });

    const subjects = await client.listSubjects();

    expect(subjects).toEqual(['a-value', 'b-value', 'c-value']);
    expect(glue.count('ListSchemas')).toBe(2);
  });

  it('answers the configured default for registry-wide compatibility and refuses to set one', async () => {
    const client = new GlueRegistryClient({
      registryName: 'eventline',
      glue: new FakeGlue({}),
      defaultCompatibility: 'FULL',
    });

    const level = await client.getCompatibility();
    const error = await client.setCompatibility('NONE').catch((e: unknown) => e);

    expect(level).toBe('FULL');
    expect(error).toBeInstanceOf(RegistryRequestError);
  });

  it('refuses to name a Confluent level for a Glue schema with compatibility DISABLED', async () => {
    const glue = new FakeGlue({
      GetSchema: () => ({ DataFormat: 'AVRO', Compatibility: 'DISABLED' }),
      GetSchemaByDefinition: () => {
        throw awsError('EntityNotFoundException');
      },
    });
    const client = new GlueRegistryClient({ registryName: 'eventline', glue });

    const error = await client.getCompatibility('pings-value').catch((e: unknown) => e);
    const check = await client
      .checkCompatibility('pings-value', { type: 'AVRO', definition: '"string"' })
      .catch((e: unknown) => e);

    expect((error as Error).message).toContain('DISABLED');
    expect(check).toMatchObject({ compatible: false });
  });
});
