import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeleteRegistryCommand, GlueClient } from '@aws-sdk/client-glue';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfluentRegistryClient, GlueRegistryClient } from '../../../functions/lib/registry/index.js';
import { createSerde } from '../../../functions/lib/serde/index.js';
import { stackEnv } from '../../../local/stack/env.js';
import { localClientConfig, localEndpoints, uniqueName } from '../../support/local-aws.js';
import { samples } from '../../unit/serde/samples.js';

const root = join(import.meta.dirname, '..', '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'decode-cli-'));
const glueRegistry = uniqueName('decode-cli');
const glue = new GlueClient(localClientConfig('glue'));

afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await glue
    .send(new DeleteRegistryCommand({ RegistryId: { RegistryName: glueRegistry } }))
    .catch(() => undefined);
});

function eventline(args: string[]) {
  const result = spawnSync(
    join(root, 'node_modules', '.bin', 'tsx'),
    [join(root, 'local/cli/main.ts'), ...args],
    {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, ...stackEnv() },
    },
  );
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('eventline decode against registries', () => {
  it('fetches the writer schema from a Confluent registry by the id in the record', async () => {
    const sample = samples[2] as (typeof samples)[number];
    const client = new ConfluentRegistryClient({ url: localEndpoints.apicurioUrl });
    const serde = createSerde({
      registry: { kind: 'confluent', url: localEndpoints.apicurioUrl },
      client,
      autoRegister: true,
    });
    const bytes = await serde.encode(sample.value, {
      topic: uniqueName('cli.decode'),
      schema: sample.schema,
    });
    const file = join(dir, 'confluent.bin');
    writeFileSync(file, bytes);

    const { code, stdout, stderr } = eventline(['decode', '--registry', localEndpoints.apicurioUrl, file]);

    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({
      format: 'confluent',
      schemaId: bytes.readInt32BE(1),
      compression: 'none',
      messageIndexes: [0],
      value: sample.value,
    });
  });

  it('fetches the schema by the id in a __value_schema_id header given with --header', async () => {
    const sample = samples[0] as (typeof samples)[number];
    const client = new ConfluentRegistryClient({ url: localEndpoints.apicurioUrl });
    const serde = createSerde({
      registry: { kind: 'confluent', url: localEndpoints.apicurioUrl },
      client,
      autoRegister: true,
    });
    const framed = await serde.encode(sample.value, {
      topic: uniqueName('cli.decode'),
      schema: sample.schema,
    });
    // The same record with its 0x00 + int32 id moved into the header: the value is the bare payload.
    const file = join(dir, 'header.bin');
    writeFileSync(file, framed.subarray(5));
    const header = framed.subarray(0, 5).toString('hex');

    const { code, stdout, stderr } = eventline([
      'decode',
      '--registry',
      localEndpoints.apicurioUrl,
      '--header',
      `__value_schema_id=hex:${header}`,
      file,
    ]);

    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({
      format: 'confluent-header',
      schemaId: framed.readInt32BE(1),
      compression: 'none',
      value: sample.value,
    });
  });

  it('fetches the schema version from a Glue registry by the UUID in the record', async () => {
    const sample = samples[0] as (typeof samples)[number];
    const client = new GlueRegistryClient({ registryName: glueRegistry, glue });
    const serde = createSerde({
      registry: { kind: 'glue', registryName: glueRegistry },
      client,
      autoRegister: true,
      compression: 'zlib',
    });
    const bytes = await serde.encode(sample.value, {
      topic: uniqueName('cli.decode'),
      schema: sample.schema,
    });
    const file = join(dir, 'glue.bin');
    writeFileSync(file, bytes);

    const { code, stdout } = eventline(['decode', '--glue-registry', glueRegistry, file]);

    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ format: 'glue', compression: 'zlib', value: sample.value });
  });
});
