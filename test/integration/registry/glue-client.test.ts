import { DeleteRegistryCommand, GetSchemaCommand, GlueClient } from '@aws-sdk/client-glue';
import { afterAll, describe, expect, it } from 'vitest';
import {
  GlueRegistryClient,
  SchemaNotFoundError,
  SubjectNotFoundError,
} from '../../../functions/lib/registry/index.js';
import { localClientConfig, uniqueName } from '../../support/local-aws.js';
import { pingSchemas } from '../../support/ping-schemas.js';

const registryName = uniqueName('reg-test');
const glue = new GlueClient(localClientConfig('glue'));
const client = new GlueRegistryClient({ registryName, glue });

const { v1, v2Defaulted, v2Required } = pingSchemas('dev.eventline.test');

afterAll(async () => {
  await glue.send(new DeleteRegistryCommand({ RegistryId: { RegistryName: registryName } }));
});

describe('GlueRegistryClient against moto', () => {
  it('creates registry and schema on first register, then finds the version by definition, id and as latest', async () => {
    const subject = `${uniqueName('reg.ping.sent')}-value`;

    const registered = await client.register(subject, { type: 'AVRO', definition: v1 });
    const again = await client.register(subject, { type: 'AVRO', definition: v1 });
    const found = await client.lookup(subject, { type: 'AVRO', definition: v1 });
    const byId = await client.getById(registered.id);
    const latest = await client.getLatest(subject);

    expect(registered.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(again.id).toBe(registered.id);
    expect(found.id).toBe(registered.id);
    expect(byId).toMatchObject({ id: registered.id, type: 'AVRO', definition: v1, subject, version: 1 });
    expect(latest).toMatchObject({ id: registered.id, version: 1 });
  });

  it('adds a compatible version and lists versions oldest first', async () => {
    const subject = `${uniqueName('reg.ping.sent')}-value`;
    await client.register(subject, { type: 'AVRO', definition: v1 });

    const check = await client.checkCompatibility(subject, { type: 'AVRO', definition: v2Defaulted });
    const second = await client.register(subject, { type: 'AVRO', definition: v2Defaulted });
    const versions = await client.listVersions(subject);

    expect(check).toEqual({ compatible: true, messages: [] });
    expect(versions.map((v) => [v.version, v.id])).toEqual([
      [1, versions[0]?.id],
      [2, second.id],
    ]);
    expect((await client.getLatest(subject)).id).toBe(second.id);
  });

  it('says which field breaks which rule when an Avro change would be refused', async () => {
    const subject = `${uniqueName('reg.ping.sent')}-value`;
    await client.register(subject, { type: 'AVRO', definition: v1 });

    const check = await client.checkCompatibility(subject, { type: 'AVRO', definition: v2Required });

    expect(check.compatible).toBe(false);
    expect(check.messages.join('\n')).toMatch(/BACKWARD.*version 1.*count/);
  });

  it('maps Confluent compatibility levels to Glue modes and back', async () => {
    const subject = `${uniqueName('reg.ping.sent')}-value`;
    await client.register(subject, { type: 'AVRO', definition: v1 });

    await client.setCompatibility('FORWARD_TRANSITIVE', subject);
    const raw = await glue.send(
      new GetSchemaCommand({ SchemaId: { RegistryName: registryName, SchemaName: subject } }),
    );

    expect(raw.Compatibility).toBe('FORWARD_ALL');
    expect(await client.getCompatibility(subject)).toBe('FORWARD_TRANSITIVE');
  });

  it('registers Protobuf and JSON Schema versions with their Glue data formats', async () => {
    const proto = 'syntax = "proto3";\npackage dev.eventline.test;\nmessage Ping { string id = 1; }\n';
    const json = JSON.stringify({ $schema: 'http://json-schema.org/draft-07/schema#', type: 'object' });

    const p = await client.register(`${uniqueName('reg.proto.sent')}-value`, {
      type: 'PROTOBUF',
      definition: proto,
    });
    const j = await client.register(`${uniqueName('reg.json.sent')}-value`, {
      type: 'JSON',
      definition: json,
    });

    expect(await client.getById(p.id)).toMatchObject({ type: 'PROTOBUF', definition: proto });
    expect(await client.getById(j.id)).toMatchObject({ type: 'JSON', definition: json });
  });

  it('treats an unknown version id and an unknown subject as not found, not retryable', async () => {
    const unknownId = await client.getById('00000000-0000-4000-8000-000000000000').catch((e: unknown) => e);
    const unknownSubject = await client.getLatest(uniqueName('nobody')).catch((e: unknown) => e);

    expect(unknownId).toBeInstanceOf(SchemaNotFoundError);
    expect(unknownId).toMatchObject({ retryable: false });
    expect(unknownSubject).toBeInstanceOf(SubjectNotFoundError);
  });
});
