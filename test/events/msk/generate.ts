/**
 * Regenerates the sample events of this folder: `npx tsx test/events/msk/generate.ts && npx biome
 * format --write test/events/msk` (the formatter folds the header byte arrays as committed).
 * Values are encoded by the project's serde (its Confluent v0 and Glue framing, Avro and
 * Protobuf codecs with their message indexes) against the samples' registry, whose fixed ids
 * are in sample-schemas.ts; what each file holds is in specs.ts.
 */
import { writeFileSync } from 'node:fs';
import { envelopeToHeaders } from '../../../functions/lib/envelope/index.js';
import type { Serde } from '../../../functions/lib/serde/index.js';
import { buildMskEvent, type SourceRecord } from './build.js';
import type { MskSample } from './load.js';
import { SampleSchemaIds, sampleSerde, sampleTopic } from './sample-schemas.js';
import { type MskSampleSpec, MskSampleSpecs, occurredAt, SampleFramings, sampleEnvelope } from './specs.js';

const serdes: Readonly<Record<'confluent' | 'glue', Serde>> = {
  confluent: sampleSerde('confluent'),
  glue: sampleSerde('glue'),
};

async function sourceRecords(spec: MskSampleSpec): Promise<SourceRecord[]> {
  const topic = sampleTopic(spec.topic);
  const schema = { type: topic.value.type, definition: topic.value.definition };
  return Promise.all(
    spec.records.map(async (r): Promise<SourceRecord> => {
      const common = {
        topic: topic.name,
        partition: r.partition,
        offset: r.offset,
        timestamp: occurredAt(spec.topic, r.n),
        key: Buffer.from(`order-${r.n}`),
        headers: envelopeToHeaders(sampleEnvelope(topic, r.n)),
      };
      if (spec.framing === SampleFramings.esmJson) {
        // The event source mapping hands over the deserialized record as JSON, with the writer's id.
        return {
          ...common,
          value: Buffer.from(JSON.stringify(r.value)),
          valueSchemaMetadata: {
            dataFormat: topic.value.type,
            schemaId: String(SampleSchemaIds[spec.topic].confluent),
          },
        };
      }
      const value = await serdes[spec.framing].encode(r.value, {
        topic: topic.name,
        schema,
        ...(topic.value.message ? { message: topic.value.message } : {}),
      });
      return { ...common, value };
    }),
  );
}

for (const [name, spec] of Object.entries(MskSampleSpecs) as [MskSample, MskSampleSpec][]) {
  const event = buildMskEvent(await sourceRecords(spec), { eventSource: spec.eventSource });
  writeFileSync(new URL(name, import.meta.url), `${JSON.stringify(event, null, 2)}\n`);
}
