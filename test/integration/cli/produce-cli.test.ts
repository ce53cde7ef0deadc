import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadManifest } from '../../../functions/lib/manifest/index.js';
import { ConfluentRegistryClient } from '../../../functions/lib/registry/index.js';
import { createSerde } from '../../../functions/lib/serde/index.js';
import { valueEncodeOptions } from '../../../functions/lib/serde/topic-options.js';
import { localEndpoints, uniqueName } from '../../support/local-aws.js';
import { eventline, kafkaFixture, root } from './support.js';

const schema = {
  type: 'record',
  name: 'ParcelShipped',
  namespace: 'dev.eventline.cli.test',
  fields: [
    { name: 'parcelId', type: 'string' },
    { name: 'weightGrams', type: 'int' },
  ],
};

function lines(stdout: string): Record<string, unknown>[] {
  return stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('eventline produce', () => {
  let kafka: Awaited<ReturnType<typeof kafkaFixture>>;
  const topic = uniqueName('cli.produce.parcel');
  const dir = mkdtempSync(join(tmpdir(), 'produce-cli-'));

  beforeAll(async () => {
    copyFileSync(join(root, 'schemas', 'manifest.schema.json'), join(dir, 'manifest.schema.json'));
    writeFileSync(join(dir, 'parcel-shipped.avsc'), JSON.stringify(schema));
    writeFileSync(
      join(dir, 'manifest.json'),
      JSON.stringify({
        glueRegistryName: 'eventline',
        governance: { privacyTeam: '@eventline/privacy' },
        topics: [
          {
            name: topic,
            eventType: 'ParcelShipped',
            aggregateType: 'Parcel',
            owner: '@eventline/shipping',
            classification: 'internal',
            retentionDays: 1,
            partitions: 3,
            config: {},
            value: { schema: 'parcel-shipped.avsc', type: 'AVRO', compatibility: 'BACKWARD' },
          },
        ],
      }),
    );
    kafka = await kafkaFixture();
    await kafka.createTopic(topic, 3);
    // What `eventline schemas register` does for this manifest: the topic's value subject gets the schema.
    const registry = { kind: 'confluent', url: localEndpoints.apicurioUrl } as const;
    const serde = createSerde({
      registry,
      client: new ConfluentRegistryClient({ url: localEndpoints.apicurioUrl }),
      autoRegister: true,
    });
    await serde.encode(
      { parcelId: 'p-0', weightGrams: 1 },
      valueEncodeOptions(loadManifest(dir).topic(topic)),
    );
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await kafka.teardown();
  });

  it("sends JSON lines encoded with the topic's schema and the envelope headers, keyed by the aggregate id", () => {
    const input = `${JSON.stringify({ parcelId: 'p-1', weightGrams: 250 })}\n${JSON.stringify({ parcelId: 'p-2', weightGrams: 900 })}\n`;

    const produced = eventline(['produce', topic, '--schemas', dir], input);

    expect(produced.stderr).toBe('');
    expect(produced.code).toBe(0);
    const sent = lines(produced.stdout);
    expect(sent.map((r) => [r.line, r.topic, r.key])).toEqual([
      [1, topic, 'p-1'],
      [2, topic, 'p-2'],
    ]);
    const { stdout } = eventline(['consume', topic]);
    const records = lines(stdout).sort((a, b) => String(a.key).localeCompare(String(b.key)));
    expect(records.map((r) => [r.partition, r.offset])).toEqual(sent.map((r) => [r.partition, r.offset]));
    expect(records.map((r) => r.value)).toEqual([
      { parcelId: 'p-1', weightGrams: 250 },
      { parcelId: 'p-2', weightGrams: 900 },
    ]);
    const headers = records[0]?.headers as Record<string, string>;
    expect(headers).toMatchObject({
      'event-id': sent[0]?.eventId,
      'event-type': 'ParcelShipped',
      'aggregate-type': 'Parcel',
      'aggregate-id': 'p-1',
      source: 'eventline-cli',
    });
    expect(headers['event-id']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-/);
    expect(Date.parse(headers['occurred-at'] as string)).not.toBeNaN();
  });

  it('reports a line the schema refuses and still sends the others, exiting non-zero', () => {
    const input = `${JSON.stringify({ parcelId: 'p-3', weightGrams: 'heavy' })}\nnot json\n${JSON.stringify({ parcelId: 'p-4', weightGrams: 5 })}\n`;

    const { code, stdout, stderr } = eventline(['produce', topic, '--schemas', dir], input);

    expect(code).toBe(1);
    expect(lines(stdout).map((r) => [r.line, r.key])).toEqual([[3, 'p-4']]);
    expect(stderr).toMatch(
      /^eventline: line 1: .+\neventline: line 2: .+\neventline: 2 record\(s\) not produced\n$/,
    );
  });

  it('refuses a topic the manifest does not know, in one line', () => {
    const { code, stderr } = eventline(['produce', 'no.such.topic', '--schemas', dir], '');

    expect(code).toBe(1);
    expect(stderr).toMatch(/^eventline: topic "no.such.topic" is not in the schema manifest/);
  });
});
