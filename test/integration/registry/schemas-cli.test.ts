import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { uniqueName } from '../../support/local-aws.js';
import { pingSchemasFolder } from '../../support/ping-manifest.js';
import { pingSchemas } from '../../support/ping-schemas.js';
import { schemasCliRegistries } from '../../support/schemas-cli-registries.js';
import { schemas } from './schemas-command.js';

const { v1, v2Defaulted, v2Required } = pingSchemas('dev.eventline.cli');

const dirs: string[] = [];
const { registries, drop } = schemasCliRegistries();

afterAll(async () => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  await drop();
});

/** A schemas folder of its own: one topic with a unique name, its Avro value schema given. */
function schemasDir(glueRegistryName: string) {
  const { dir, subject } = pingSchemasFolder(tmpdir(), {
    glueRegistryName,
    namePrefix: 'cli',
    value: { schema: 'test/ping.avsc', type: 'AVRO', compatibility: 'BACKWARD' },
  });
  dirs.push(dir);
  const setSchema = (definition: string) => writeFileSync(join(dir, 'test/ping.avsc'), definition);
  return { dir, subject, setSchema };
}

describe.each(Object.entries(registries))('eventline schemas against %s', (_name, flags) => {
  it('registers the manifest schema, sets its compatibility and lists it', async () => {
    const glueRegistryName = uniqueName('cli-reg');
    const { dir, subject, setSchema } = schemasDir(glueRegistryName);
    const registry = flags(glueRegistryName);
    setSchema(v1);

    const registered = await schemas('register', ...registry, '--schemas', dir);
    setSchema(v2Defaulted);
    const evolved = await schemas('register', ...registry, '--schemas', dir);
    const listed = await schemas('list', ...registry, '--schemas', dir);

    expect(registered.error).toBeUndefined();
    expect(registered.out).toContain(`registered ${subject} version 1`);
    expect(evolved.out).toContain(`registered ${subject} version 2`);
    expect(listed.out).toContain(`${subject}  compatibility BACKWARD`);
    expect(listed.out).toMatch(/version 1 {2}id \S+ {2}AVRO\n/);
    expect(listed.out).toMatch(/version 2 {2}id \S+ {2}AVRO {2}<- manifest/);
  });

  it('fails the check and names the field and rule when a change would be refused', async () => {
    const glueRegistryName = uniqueName('cli-reg');
    const { dir, subject, setSchema } = schemasDir(glueRegistryName);
    const registry = flags(glueRegistryName);
    setSchema(v1);
    await schemas('register', ...registry, '--schemas', dir);
    setSchema(v2Required);

    const checked = await schemas('check', ...registry, '--schemas', dir);
    const registered = await schemas('register', ...registry, '--schemas', dir);

    expect(checked.error?.exitCode).toBe(1);
    expect(checked.out).toContain(`REFUSED ${subject}`);
    expect(checked.out).toMatch(/BACKWARD: .*version 1.*count/);
    expect(registered.error?.message).toContain('nothing registered');
  });
});
