import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeleteRegistryCommand, GlueClient } from '@aws-sdk/client-glue';
import { afterAll, describe, expect, it } from 'vitest';
import { EnvNames } from '../../../functions/lib/config/env-names.js';
import { ConfluentRegistryClient, GlueRegistryClient } from '../../../functions/lib/registry/index.js';
import { createSerde } from '../../../functions/lib/serde/index.js';
import { stackEnv } from '../../../local/stack/env.js';
import { localClientConfig, localEndpoints, uniqueName } from '../../support/local-aws.js';
import { pingSchemasFolder } from '../../support/ping-manifest.js';
import { pingSchemas } from '../../support/ping-schemas.js';
import { samples } from '../../unit/serde/samples.js';
import { eventline, root } from './support.js';

const dir = mkdtempSync(join(tmpdir(), 'registry-flags-'));
const glue = new GlueClient(localClientConfig('glue'));
const glueRegistries: string[] = [];

afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  for (const name of glueRegistries) {
    await glue.send(new DeleteRegistryCommand({ RegistryId: { RegistryName: name } })).catch(() => undefined);
  }
});

/** A schemas folder of its own: one topic with a unique name and an Avro value schema. */
function schemasDir(glueRegistryName: string): { dir: string; subject: string } {
  const folder = pingSchemasFolder(dir, {
    glueRegistryName,
    namePrefix: 'flags',
    value: { schema: 'test/ping.avsc', type: 'AVRO', compatibility: 'BACKWARD' },
  });
  writeFileSync(join(folder.dir, 'test/ping.avsc'), pingSchemas('dev.eventline.flags').v1);
  return { dir: folder.dir, subject: folder.subject };
}

/** The CLI with no Glue endpoint in its environment at all, as on a developer's shell. */
function eventlineWithoutGlueEndpoint(args: readonly string[]) {
  const env: Record<string, string | undefined> = { ...process.env, ...stackEnv() };
  delete env[EnvNames.glueEndpoint];
  delete env.AWS_ENDPOINT_URL_GLUE;
  delete env.AWS_ENDPOINT_URL;
  const result = spawnSync(join(root, 'node_modules/.bin/tsx'), [join(root, 'local/cli/main.ts'), ...args], {
    cwd: root,
    encoding: 'utf8',
    env,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('--registry: a Confluent-compatible registry in every command', () => {
  it("takes the local stack's names: schemas check --registry apicurio checks against Apicurio", () => {
    const { dir: schemas, subject } = schemasDir('unused');

    const checked = eventline(['schemas', 'check', '--registry', 'apicurio', '--schemas', schemas]);

    expect(checked.stderr).toBe('');
    expect(checked.code).toBe(0);
    expect(checked.stdout).toMatch(new RegExp(`^new {5}${subject} .*not registered yet`, 'm'));
  });

  it('decode --registry apicurio fetches the writer schema by the id in the record', async () => {
    const sample = samples[2] as (typeof samples)[number];
    const serde = createSerde({
      registry: { kind: 'confluent', url: localEndpoints.apicurioUrl },
      client: new ConfluentRegistryClient({ url: localEndpoints.apicurioUrl }),
      autoRegister: true,
    });
    const bytes = await serde.encode(sample.value, {
      topic: uniqueName('flags.decode'),
      schema: sample.schema,
    });
    const file = join(dir, 'confluent.bin');
    writeFileSync(file, bytes);

    const decoded = eventline(['decode', '--registry', 'apicurio', file]);

    expect(decoded.stderr).toBe('');
    expect(decoded.code).toBe(0);
    expect(JSON.parse(decoded.stdout)).toMatchObject({ format: 'confluent', value: sample.value });
  });

  it('refuses a value that is neither a URL nor a local name with exit 1, before reading anything (dlq show)', () => {
    const shown = eventline(['dlq', 'show', uniqueName('flags.none'), '0:0', '--registry', 'nowhere']);

    expect(shown.code).toBe(1);
    expect(shown.stderr).toContain(
      'eventline: --registry nowhere: expected a registry URL, "apicurio" or "service" (for AWS Glue directly: --glue-registry)',
    );
    expect(shown.stdout).toBe('');
  });

  it('refuses --registry and --glue-registry together', () => {
    const decoded = eventline(['decode', '--registry', 'apicurio', '--glue-registry', 'x', '-']);

    expect(decoded.code).toBe(1);
    expect(decoded.stderr).toContain('give at most one of --registry, --glue-registry');
  });

  it('refuses a registry the local functions cannot be pointed at, naming the ones they can', () => {
    const generated = eventline([
      'events',
      'generate',
      'msk',
      '--topic',
      'orders.order.placed',
      '--registry',
      'http://127.0.0.1:9/elsewhere',
    ]);

    expect(generated.code).toBe(1);
    expect(generated.stderr).toContain('"apicurio", "service" or --glue-registry');
  });
});

describe('--glue-registry: AWS Glue directly in every command, on the local stack unless told otherwise', () => {
  it('decode --glue-registry NAME reads from the local moto without an endpoint variable', async () => {
    const registryName = uniqueName('flags-decode');
    glueRegistries.push(registryName);
    const sample = samples[0] as (typeof samples)[number];
    const serde = createSerde({
      registry: { kind: 'glue', registryName },
      client: new GlueRegistryClient({ registryName, glue }),
      autoRegister: true,
    });
    const bytes = await serde.encode(sample.value, {
      topic: uniqueName('flags.decode'),
      schema: sample.schema,
    });
    const file = join(dir, 'glue.bin');
    writeFileSync(file, bytes);

    const decoded = eventlineWithoutGlueEndpoint(['decode', '--glue-registry', registryName, file]);

    expect(decoded.stderr).toBe('');
    expect(decoded.code).toBe(0);
    expect(JSON.parse(decoded.stdout)).toMatchObject({ format: 'glue', value: sample.value });
  });

  it('still takes the old --registry glue, with a one-line deprecation notice', () => {
    const registryName = uniqueName('flags-reg');
    glueRegistries.push(registryName);
    const { dir: schemas, subject } = schemasDir(registryName);

    const registered = eventline(['schemas', 'register', '--registry', 'glue', '--schemas', schemas]);

    expect(registered.stderr).toBe('eventline: --registry glue is deprecated; use --glue-registry\n');
    expect(registered.code).toBe(0);
    expect(registered.stdout).toContain(`registered ${subject} version 1`);
  });
});
