import { describe, expect, it } from 'vitest';
import { createSerde } from '../../../functions/lib/serde/index.js';
import { fixture, readJson, registryOf } from './interop-fixtures.js';
import { type Sample, samples } from './samples.js';

interface Written {
  name: string;
  mode: 'prefix' | 'header';
  file: string;
  schemaId: number;
  guid: string;
  headers?: Record<string, string>;
  registeredSchema: string;
  value: unknown;
}

const written = readJson<Written[]>('confluent-python', 'written', 'manifest.json');
const ours = readJson<Array<{ name: string; file: string; schemaId: number }>>(
  'confluent-python',
  'eventline',
  'manifest.json',
);
const decodedByThem = readJson<Array<{ file: string; value: unknown }>>(
  'confluent-python',
  'eventline',
  'decoded-by-confluent-kafka.json',
);
const sample = (name: string) => samples.find((s) => s.name === name) as Sample;
const schemas = new Map<number | string, Sample>();
for (const w of written) {
  schemas.set(w.schemaId, sample(w.name));
  schemas.set(w.guid, sample(w.name));
}

describe('Interop with confluent-kafka (Python) serializers', () => {
  const serde = createSerde({
    registry: { kind: 'confluent', url: 'fixture' },
    client: registryOf(schemas, 'confluent'),
  });

  for (const record of written) {
    it(`decodes ${record.name} written by confluent-kafka with the schema id as ${record.mode}`, async () => {
      const headers = Object.fromEntries(
        Object.entries(record.headers ?? {}).map(([k, hex]) => [k, Buffer.from(hex, 'hex')]),
      );

      const decoded = await serde.decode(fixture('confluent-python', 'written', record.file), { headers });

      expect(decoded.value).toEqual(sample(record.name).value);
      expect(decoded.format).toBe(record.mode === 'prefix' ? 'confluent' : 'confluent-header');
      expect(decoded.schemaId).toBe(record.mode === 'prefix' ? record.schemaId : record.guid);
    });
  }

  it('decodes every record with the schema text confluent-kafka registered (a base64 descriptor for Protobuf)', async () => {
    const asRegistered = new Map<number | string, Sample>(
      written.map((w) => {
        const s = sample(w.name);
        return [w.schemaId, { ...s, schema: { type: s.schema.type, definition: w.registeredSchema } }];
      }),
    );
    const reader = createSerde({
      registry: { kind: 'confluent', url: 'fixture' },
      client: registryOf(asRegistered, 'confluent'),
    });

    for (const record of written.filter((w) => w.mode === 'prefix')) {
      const decoded = await reader.decode(fixture('confluent-python', 'written', record.file));

      expect(decoded.value, record.name).toEqual(sample(record.name).value);
    }
  });

  for (const record of written.filter((w) => w.mode === 'header')) {
    it(`decodes ${record.name} as Confluent v1 when the GUID header is moved in front of the payload`, async () => {
      const header = Buffer.from(record.headers?.__value_schema_id ?? '', 'hex');
      const v1 = Buffer.concat([header, fixture('confluent-python', 'written', record.file)]);

      const decoded = await serde.decode(v1);

      expect(decoded).toMatchObject({
        format: 'confluent-v1',
        schemaId: record.guid,
        value: sample(record.name).value,
      });
    });
  }

  for (const record of ours) {
    it(`writes ${record.name} byte for byte as committed, and confluent-kafka decoded it to the same value`, async () => {
      const s = sample(record.name);
      const writer = createSerde({
        registry: { kind: 'confluent', url: 'fixture' },
        client: {
          ...registryOf(schemas, 'confluent'),
          lookup: async () => ({ id: record.schemaId, ...s.schema }),
        },
      });

      const bytes = await writer.encode(s.value, { topic: s.topic, schema: s.schema, message: s.message });

      expect(bytes.equals(fixture('confluent-python', 'eventline', record.file))).toBe(true);
      expect(decodedByThem.find((d) => d.file === record.file)?.value).toEqual(s.value);
    });
  }
});
