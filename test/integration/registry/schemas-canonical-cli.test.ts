import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { uniqueName } from '../../support/local-aws.js';
import { pingSchemasFolder } from '../../support/ping-manifest.js';
import { schemasCliRegistries } from '../../support/schemas-cli-registries.js';
import { schemas } from './schemas-command.js';

const dirs: string[] = [];
const { registries, drop } = schemasCliRegistries();

afterAll(async () => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  await drop();
});

type Format = 'AVRO' | 'JSON' | 'PROTOBUF';

const files: Readonly<Record<Format, string>> = {
  AVRO: 'test/ping.avsc',
  JSON: 'test/ping.schema.json',
  PROTOBUF: 'test/ping.proto',
};

/** Each format's schema as first registered, and the same schema reformatted (keys reordered, whitespace, comments). */
const texts: Readonly<Record<Format, { original: string; reformatted: string; changed: string }>> = {
  AVRO: {
    original: JSON.stringify({
      type: 'record',
      name: 'Ping',
      namespace: 'canon.it',
      fields: [{ name: 'id', type: 'string' }],
    }),
    reformatted: `{\n  "fields": [ { "type": {"type": "string"}, "name": "id" } ],\n  "namespace": "canon.it",\n  "name": "Ping",\n  "type": "record"\n}\n`,
    changed: JSON.stringify({
      type: 'record',
      name: 'Ping',
      namespace: 'canon.it',
      fields: [
        { name: 'id', type: 'string' },
        { name: 'note', type: 'string', default: '' },
      ],
    }),
  },
  JSON: {
    original: JSON.stringify({
      $schema: 'http://json-schema.org/draft-07/schema#',
      type: 'object',
      properties: { id: { type: 'string' } },
      additionalProperties: false,
    }),
    reformatted: `{\n  "additionalProperties": false,\n  "properties": {\n    "id": { "type": "string" }\n  },\n  "type": "object",\n  "$schema": "http://json-schema.org/draft-07/schema#"\n}\n`,
    changed: JSON.stringify({
      $schema: 'http://json-schema.org/draft-07/schema#',
      type: 'object',
      properties: { id: { type: 'string' }, note: { type: 'string' } },
      additionalProperties: false,
    }),
  },
  PROTOBUF: {
    original: 'syntax = "proto3";\npackage canon.it;\nmessage Ping {\n  string id = 1;\n}\n',
    reformatted:
      '// the same message, laid out differently\nsyntax = "proto3";\n\npackage canon.it;\n\nmessage Ping\n{\n    string id = 1;   // the ping id\n}\n',
    changed:
      'syntax = "proto3";\npackage canon.it;\nmessage Ping {\n  string id = 1;\n  string note = 2;\n}\n',
  },
};

/** A schemas folder of its own: one topic with a unique name and a value schema of the format. */
function schemasDir(type: Format, glueRegistryName: string) {
  const { dir, subject } = pingSchemasFolder(tmpdir(), {
    glueRegistryName,
    namePrefix: 'canon',
    value: {
      schema: files[type],
      type,
      compatibility: 'BACKWARD',
      ...(type === 'PROTOBUF' ? { message: 'canon.it.Ping' } : {}),
    },
  });
  dirs.push(dir);
  const setSchema = (definition: string) => writeFileSync(join(dir, files[type]), definition);
  return { dir, subject, setSchema };
}

const cases = Object.entries(registries).flatMap(([name, flags]) =>
  (Object.keys(texts) as Format[]).map((format) => [name, format, flags] as const),
);

describe.each(cases)('eventline schemas against %s, %s', (_name, format, flags) => {
  it('calls a reformatted schema unchanged: register keeps its version, list marks it, check says so', async () => {
    const glueRegistryName = uniqueName('canon-reg');
    const { dir, subject, setSchema } = schemasDir(format, glueRegistryName);
    const registry = flags(glueRegistryName);
    setSchema(texts[format].original);
    const first = await schemas('register', ...registry, '--schemas', dir);
    setSchema(texts[format].reformatted);

    const again = await schemas('register', ...registry, '--schemas', dir);
    const listed = await schemas('list', ...registry, '--schemas', dir);
    const checked = await schemas('check', ...registry, '--schemas', dir);

    expect(first.out).toContain(`registered ${subject} version 1`);
    expect(again.error).toBeUndefined();
    expect(again.out).toMatch(new RegExp(`^unchanged ${subject} version 1 id \\S+ \\(BACKWARD\\)$`, 'm'));
    expect(listed.out).toMatch(/version 1 {2}id \S+ {2}\w+ {2}<- manifest/);
    expect(listed.out).not.toContain('version 2');
    expect(listed.out).not.toContain('manifest: changed');
    expect(checked.error).toBeUndefined();
    expect(checked.out).toMatch(new RegExp(`^ok {6}${subject} .*unchanged \\(version 1\\)`, 'm'));
  });

  it('still calls a real change changed: list says so until register adds version 2', async () => {
    const glueRegistryName = uniqueName('canon-reg');
    const { dir, subject, setSchema } = schemasDir(format, glueRegistryName);
    const registry = flags(glueRegistryName);
    setSchema(texts[format].original);
    await schemas('register', ...registry, '--schemas', dir);
    setSchema(texts[format].changed);

    const before = await schemas('list', ...registry, '--schemas', dir);
    const registered = await schemas('register', ...registry, '--schemas', dir);

    expect(before.out).toContain('manifest: changed, not registered yet');
    expect(before.out).not.toContain('<- manifest');
    expect(registered.out).toContain(`registered ${subject} version 2`);
  });
});
