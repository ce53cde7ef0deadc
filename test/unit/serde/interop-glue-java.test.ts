import { describe, expect, it } from 'vitest';
import { createSerde } from '../../../functions/lib/serde/index.js';
import type { Compression } from '../../../functions/lib/serde/types.js';
import { fixture, readJson, registryOf } from './interop-fixtures.js';
import { type Sample, samples } from './samples.js';

interface Entry {
  name: string;
  file: string;
  schemaVersionId?: string;
  schemaId?: string;
  compression: Compression;
}

const written = readJson<Entry[]>('glue-java', 'written', 'manifest.json');
const ours = readJson<Entry[]>('glue-java', 'eventline', 'manifest.json');
const decodedByThem = readJson<Array<{ file: string; value: unknown }>>(
  'glue-java',
  'eventline',
  'decoded-by-glue-serde.json',
);
const sample = (name: string) => samples.find((s) => s.name === name) as Sample;
const schemas = new Map<number | string, Sample>(
  written.map((w) => [w.schemaVersionId as string, sample(w.name)]),
);

describe('Interop with the AWS Glue Schema Registry SerDe (Java)', () => {
  const serde = createSerde({
    registry: { kind: 'glue', registryName: 'fixture' },
    client: registryOf(schemas, 'glue'),
  });

  for (const record of written) {
    it(`decodes ${record.name} written by the Glue SerDe with compression ${record.compression}`, async () => {
      const decoded = await serde.decode(fixture('glue-java', 'written', record.file));

      expect(decoded.value).toEqual(sample(record.name).value);
      expect(decoded).toMatchObject({
        format: 'glue',
        schemaId: record.schemaVersionId,
        compression: record.compression,
      });
    });
  }

  for (const record of ours) {
    it(`writes ${record.name} (${record.compression}) as committed, and the Glue SerDe decoded it to the same value`, async () => {
      const s = sample(record.name);
      const writer = createSerde({
        registry: { kind: 'glue', registryName: 'fixture' },
        compression: record.compression,
        client: {
          ...registryOf(schemas, 'glue'),
          lookup: async () => ({ id: record.schemaId as string, ...s.schema }),
        },
      });

      const bytes = await writer.encode(s.value, { topic: s.topic, schema: s.schema, message: s.message });

      expect(bytes.equals(fixture('glue-java', 'eventline', record.file))).toBe(true);
      expect(decodedByThem.find((d) => d.file === record.file)?.value).toEqual(s.value);
    });
  }

  it('frames every uncompressed record byte for byte as the Glue SerDe does', () => {
    const uncompressed = written.filter((w) => w.compression === 'none');

    for (const record of uncompressed) {
      expect(
        fixture('glue-java', 'eventline', record.file).equals(fixture('glue-java', 'written', record.file)),
      ).toBe(true);
    }
    expect(uncompressed).toHaveLength(samples.length);
  });
});
