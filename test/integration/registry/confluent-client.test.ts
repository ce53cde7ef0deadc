import { describe, expect, it } from 'vitest';
import {
  ConfluentRegistryClient,
  IncompatibleSchemaError,
  RegistryUnreachableError,
  SchemaNotFoundError,
} from '../../../functions/lib/registry/index.js';
import { HOST, ports } from '../../../local/stack/config.js';
import { localEndpoints, uniqueName } from '../../support/local-aws.js';
import { pingSchemas } from '../../support/ping-schemas.js';

/** Apicurio (a registry nobody here wrote) and Eventline's own registry service over moto's Glue. */
const registries = {
  Apicurio: localEndpoints.apicurioUrl,
  'the registry service': `http://${HOST}:${ports.registry}`,
} as const;

const { v1, v2Defaulted, v2Required } = pingSchemas('dev.eventline.test');

describe.each(Object.entries(registries))('ConfluentRegistryClient against %s', (_name, url) => {
  const client = new ConfluentRegistryClient({ url });

  it('registers a schema and finds it by definition, by id and as the latest version', async () => {
    const subject = `${uniqueName('reg.ping.sent')}-value`;

    const registered = await client.register(subject, { type: 'AVRO', definition: v1 });
    const again = await client.register(subject, { type: 'AVRO', definition: v1 });
    const found = await client.lookup(subject, { type: 'AVRO', definition: v1 });
    const byId = await client.getById(registered.id);
    const latest = await client.getLatest(subject);

    expect(typeof registered.id).toBe('number');
    expect(again.id).toBe(registered.id);
    expect(found).toMatchObject({ id: registered.id, subject, version: 1, type: 'AVRO' });
    expect(JSON.parse(byId.definition)).toEqual(JSON.parse(v1));
    expect(latest).toMatchObject({ id: registered.id, version: 1, type: 'AVRO' });
    expect(await client.listSubjects()).toContain(subject);
  });

  it('evolves with a defaulted field and lists both versions', async () => {
    const subject = `${uniqueName('reg.ping.sent')}-value`;
    await client.register(subject, { type: 'AVRO', definition: v1 });

    const check = await client.checkCompatibility(subject, { type: 'AVRO', definition: v2Defaulted });
    const second = await client.register(subject, { type: 'AVRO', definition: v2Defaulted });
    const versions = await client.listVersions(subject);

    expect(check.compatible).toBe(true);
    expect(versions.map((v) => v.version)).toEqual([1, 2]);
    expect(versions[1]?.id).toBe(second.id);
  });

  it('refuses an incompatible schema with a 409 that names the subject', async () => {
    const subject = `${uniqueName('reg.ping.sent')}-value`;
    await client.register(subject, { type: 'AVRO', definition: v1 });
    await client.setCompatibility('BACKWARD', subject);

    const check = await client.checkCompatibility(subject, { type: 'AVRO', definition: v2Required });
    const refused = await client
      .register(subject, { type: 'AVRO', definition: v2Required })
      .catch((e: unknown) => e);

    expect(check.compatible).toBe(false);
    expect(refused).toBeInstanceOf(IncompatibleSchemaError);
    expect(refused).toMatchObject({ status: 409, retryable: false });
    expect((refused as Error).message).toContain(subject);
  });

  it('reads back a per-subject compatibility level and falls back to the global one', async () => {
    const subject = `${uniqueName('reg.ping.sent')}-value`;
    const other = `${uniqueName('reg.ping.sent')}-value`;
    await client.register(subject, { type: 'AVRO', definition: v1 });

    await client.setCompatibility('FULL_TRANSITIVE', subject);

    expect(await client.getCompatibility(subject)).toBe('FULL_TRANSITIVE');
    expect(await client.getCompatibility(other)).toBe(await client.getCompatibility());
  });

  it('registers a JSON Schema that declares $schema', async () => {
    const subject = `${uniqueName('reg.json.sent')}-value`;
    const definition = JSON.stringify({
      $schema: 'http://json-schema.org/draft-07/schema#',
      type: 'object',
      properties: { id: { type: 'string' } },
    });

    const registered = await client.register(subject, { type: 'JSON', definition });

    expect(await client.getById(registered.id)).toMatchObject({ type: 'JSON', definition });
  });

  it('reports an unknown id as a non-retryable SchemaNotFoundError with status, error_code and URL', async () => {
    const error = await client.getById(2_000_000_000).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(SchemaNotFoundError);
    expect(error).toMatchObject({ status: 404, errorCode: 40403, retryable: false });
    expect((error as SchemaNotFoundError).url).toContain('/schemas/ids/2000000000');
  });

  it('reports a registry nobody listens on as retryable', async () => {
    const nowhere = new ConfluentRegistryClient({ url: 'http://127.0.0.1:9/', retry: { retries: 0 } });

    const error = await nowhere.listSubjects().catch((e: unknown) => e);

    expect(error).toBeInstanceOf(RegistryUnreachableError);
    expect(error).toMatchObject({ retryable: true, errorCode: 'ECONNREFUSED' });
  });
});
