import { describe, expect, it } from 'vitest';
import { ErrorCodes, RegistryServiceError } from '../../../registry/errors.js';
import { GlueStore } from '../../../registry/store/glue-store.js';
import { awsError, FakeGlue, fastTimings } from '../registry/fake-glue.js';

/**
 * moto never answers PENDING or FAILURE, so these verdicts come from a stand-in Glue client
 * that answers each command by name (the one place a mock is needed).
 */
function glueAnswering(statuses: string[]) {
  const calls: string[] = [];
  const client = {
    send: async (command: object) => {
      const name = command.constructor.name;
      calls.push(name);
      if (name === 'GetSchemaCommand') return { Compatibility: 'BACKWARD' };
      if (name === 'UpdateSchemaCommand') return {};
      if (name === 'RegisterSchemaVersionCommand')
        return { SchemaVersionId: 'v-2', VersionNumber: 2, Status: 'PENDING' };
      if (name === 'GetSchemaVersionCommand') return { Status: statuses.shift() ?? 'PENDING' };
      throw new Error(`unexpected ${name}`);
    },
  };
  return { client: client as unknown as ConstructorParameters<typeof GlueStore>[0]['client'], calls };
}

const input = {
  schemaName: 'orders-value',
  type: 'AVRO',
  definition: '"string"',
  compatibility: 'BACKWARD',
} as const;

describe('GlueStore', () => {
  it('waits out PENDING and returns the version once Glue makes it AVAILABLE', async () => {
    const { client, calls } = glueAnswering(['PENDING', 'AVAILABLE']);
    const store = new GlueStore({ client, registryName: 'r', pendingWait: { initialDelayMs: 1 } });
    await expect(store.registerVersion(input)).resolves.toEqual({ versionId: 'v-2', versionNumber: 2 });
    expect(calls.filter((name) => name === 'GetSchemaVersionCommand')).toHaveLength(2);
  });

  it('answers a FAILURE verdict with Confluent 409 naming the Glue compatibility mode', async () => {
    const { client, calls } = glueAnswering(['FAILURE']);
    const store = new GlueStore({ client, registryName: 'r', pendingWait: { initialDelayMs: 1 } });
    const error = await store
      .registerVersion({ ...input, compatibility: 'FULL_TRANSITIVE' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RegistryServiceError);
    expect(error).toMatchObject({ status: 409, errorCode: ErrorCodes.incompatible });
    expect((error as Error).message).toMatch(/FAILURE under compatibility FULL_ALL/);
    expect(calls).toContain('UpdateSchemaCommand');
  });

  it('gives up on a version PENDING too long with 50002', async () => {
    const { client } = glueAnswering([]);
    const store = new GlueStore({
      client,
      registryName: 'r',
      pendingWait: { initialDelayMs: 1, timeoutMs: 20 },
    });
    await expect(store.registerVersion(input)).rejects.toMatchObject({
      status: 500,
      errorCode: ErrorCodes.timeout,
    });
  });

  it("retries a throttled Glue call with the registry client's policy instead of failing the request", async () => {
    let throttled = 0;
    const glue = new FakeGlue({
      GetSchema: () => ({ Compatibility: 'BACKWARD' }),
      RegisterSchemaVersion: () => {
        throttled += 1;
        if (throttled <= 2) throw awsError('ThrottlingException', 400, 'Rate exceeded');
        return { SchemaVersionId: 'v-3', VersionNumber: 3, Status: 'AVAILABLE' };
      },
    });
    const store = new GlueStore({ client: glue, registryName: 'r', ...fastTimings });

    await expect(store.registerVersion(input)).resolves.toEqual({ versionId: 'v-3', versionNumber: 3 });
    expect(glue.count('RegisterSchemaVersion')).toBe(3);
  });

  it('creates the Glue schema on first use and registers into it when another task created it first', async () => {
    let registrations = 0;
    const glue = new FakeGlue({
      GetSchema: () => {
        throw awsError('EntityNotFoundException', 400, 'Schema not found');
      },
      RegisterSchemaVersion: () => {
        registrations += 1;
        if (registrations === 1) throw awsError('EntityNotFoundException', 400, 'Schema not found');
        return { SchemaVersionId: 'v-1', VersionNumber: 1, Status: 'AVAILABLE' };
      },
      CreateSchema: () => {
        throw awsError('AlreadyExistsException', 400, 'Schema already exists');
      },
    });
    const store = new GlueStore({ client: glue, registryName: 'r', ...fastTimings });

    await expect(store.registerVersion(input)).resolves.toEqual({ versionId: 'v-1', versionNumber: 1 });
    expect(glue.calls).toEqual([
      'GetSchema',
      'RegisterSchemaVersion',
      'CreateSchema',
      'RegisterSchemaVersion',
    ]);
  });
});
