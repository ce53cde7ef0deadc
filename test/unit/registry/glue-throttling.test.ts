import { describe, expect, it } from 'vitest';
import { GlueRegistryClient, RegistryThrottledError } from '../../../functions/lib/registry/index.js';
import { awsError, FakeGlue, fastTimings } from './fake-glue.js';

const version = {
  SchemaVersionId: 'id-1',
  VersionNumber: 1,
  Status: 'AVAILABLE',
  DataFormat: 'AVRO',
  SchemaDefinition: '"string"',
  SchemaArn: 'arn:aws:glue:us-east-1:123456789012:schema/eventline/pings-value',
};

describe('GlueRegistryClient when Glue throttles', () => {
  it('retries a ThrottlingException and returns the answer that gets through', async () => {
    let attempts = 0;
    const glue = new FakeGlue({
      GetSchemaVersion: () => {
        attempts += 1;
        if (attempts <= 2) throw awsError('ThrottlingException', 400, 'Rate exceeded');
        return version;
      },
    });
    const client = new GlueRegistryClient({ registryName: 'eventline', glue, ...fastTimings });

    const schema = await client.getById('id-1');

    expect(schema).toMatchObject({ id: 'id-1', subject: 'pings-value' });
    expect(glue.count('GetSchemaVersion')).toBe(3);
  });

  it('raises a retryable RegistryThrottledError when every retry is throttled too', async () => {
    const glue = new FakeGlue({
      GetSchemaVersion: () => {
        throw awsError('TooManyRequestsException', 429);
      },
    });
    const client = new GlueRegistryClient({ registryName: 'eventline', glue, ...fastTimings });

    const error = await client.getById('id-1').catch((e: unknown) => e);

    expect(error).toBeInstanceOf(RegistryThrottledError);
    expect(error).toMatchObject({ retryable: true, status: 429, url: 'glue:GetSchemaVersion' });
    expect(glue.count('GetSchemaVersion')).toBe(1 + fastTimings.retry.retries);
  });

  it('does not retry a schema that is not found', async () => {
    const glue = new FakeGlue({
      GetSchemaVersion: () => {
        throw awsError('EntityNotFoundException');
      },
    });
    const client = new GlueRegistryClient({ registryName: 'eventline', glue, ...fastTimings });

    const error = await client.getById('id-1').catch((e: unknown) => e);

    expect(error).toMatchObject({ name: 'SchemaNotFoundError', retryable: false });
    expect(glue.count('GetSchemaVersion')).toBe(1);
  });
});
