import { describe, expect, it } from 'vitest';
import {
  GlueRegistryClient,
  IncompatibleSchemaError,
  RegistryTimeoutError,
} from '../../../functions/lib/registry/index.js';
import { awsError, FakeGlue, fastTimings } from './fake-glue.js';

const v1 = JSON.stringify({ type: 'record', name: 'Ping', fields: [{ name: 'id', type: 'string' }] });
const v2 = JSON.stringify({
  type: 'record',
  name: 'Ping',
  fields: [
    { name: 'id', type: 'string' },
    { name: 'count', type: 'int' },
  ],
});
const arn = 'arn:aws:glue:us-east-1:123456789012:schema/eventline/pings-value';

/** A Glue schema with one AVAILABLE version (v1) whose next version goes through the given statuses. */
function glueWithNextVersion(statuses: string[]) {
  let polls = 0;
  return new FakeGlue({
    GetSchemaByDefinition: () => {
      throw awsError('EntityNotFoundException', 400, 'Schema version is not found.');
    },
    RegisterSchemaVersion: () => ({ SchemaVersionId: 'v2-id', VersionNumber: 2, Status: 'PENDING' }),
    GetSchema: () => ({ DataFormat: 'AVRO', Compatibility: 'BACKWARD', LatestSchemaVersion: 1 }),
    GetSchemaVersion: (input) => {
      if (input.SchemaVersionId === 'v2-id') {
        const status = statuses[Math.min(polls, statuses.length - 1)];
        polls += 1;
        return { SchemaVersionId: 'v2-id', VersionNumber: 2, Status: status, SchemaArn: arn };
      }
      return {
        SchemaVersionId: 'v1-id',
        VersionNumber: 1,
        Status: 'AVAILABLE',
        SchemaDefinition: v1,
        DataFormat: 'AVRO',
      };
    },
  });
}

describe('GlueRegistryClient registering while Glue checks compatibility', () => {
  it('waits out PENDING and returns the version once it is AVAILABLE', async () => {
    const glue = glueWithNextVersion(['PENDING', 'PENDING', 'AVAILABLE']);
    const client = new GlueRegistryClient({ registryName: 'eventline', glue, ...fastTimings });

    const registered = await client.register('pings-value', { type: 'AVRO', definition: v2 });

    expect(registered).toMatchObject({ id: 'v2-id', version: 2, subject: 'pings-value' });
    expect(glue.count('GetSchemaVersion')).toBe(3);
  });

  it('turns FAILURE into a non-retryable IncompatibleSchemaError that names the breaking field', async () => {
    const glue = glueWithNextVersion(['PENDING', 'FAILURE']);
    const client = new GlueRegistryClient({ registryName: 'eventline', glue, ...fastTimings });

    const error = await client
      .register('pings-value', { type: 'AVRO', definition: v2 })
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(IncompatibleSchemaError);
    expect(error).toMatchObject({ retryable: false, errorCode: 'FAILURE' });
    expect((error as IncompatibleSchemaError).messages.join('\n')).toMatch(/BACKWARD.*version 1.*count/);
  });

  it('gives up on a version that stays PENDING with a retryable timeout', async () => {
    const glue = glueWithNextVersion(['PENDING']);
    const client = new GlueRegistryClient({
      registryName: 'eventline',
      glue,
      pendingWait: { initialDelayMs: 1, maxDelayMs: 2, timeoutMs: 30 },
    });

    const error = await client
      .register('pings-value', { type: 'AVRO', definition: v2 })
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(RegistryTimeoutError);
    expect(error).toMatchObject({ retryable: true });
  });
});
