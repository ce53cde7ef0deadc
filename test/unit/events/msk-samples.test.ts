import { describe, expect, it } from 'vitest';
import { type KafkaRecord, parseMskEvent } from '../../../functions/lib/consumer/index.js';
import { envelopeFromHeaders } from '../../../functions/lib/envelope/index.js';
import { createSerde } from '../../../functions/lib/serde/index.js';
import { readMappings } from '../../../local/assembly/event-source-mapping.js';
import type { CfnTemplate } from '../../../local/assembly/template.js';
import { loadMskEvent, type MskSample, MskSamples } from '../../events/msk/load.js';
import { SampleSchemaIds, sampleSchemaClient, sampleTopic } from '../../events/msk/sample-schemas.js';
import { MskSampleSpecs, occurredAt, SampleFramings, sampleEnvelope } from '../../events/msk/specs.js';
import { templateFor } from '../../infra/support/synth.js';

const samples = Object.values(MskSamples);

function recordsOf(sample: MskSample): KafkaRecord[] {
  return parseMskEvent(loadMskEvent(sample)).partitions.flatMap((p) => [...p.records]);
}

describe('MSK sample events', () => {
  it('cover every Kafka topic of every consumer of the CDK app in both Confluent and Glue framing', () => {
    const template = templateFor().toJSON() as CfnTemplate;
    const kafkaTopics = readMappings(template).flatMap((m) =>
      m.source.kind === 'kafka' ? m.source.topics : [],
    );
    const framed = samples.map((s) => `${MskSampleSpecs[s].topic} ${MskSampleSpecs[s].framing}`);

    const missing = [...new Set(kafkaTopics)].flatMap((topic) =>
      [SampleFramings.confluent, SampleFramings.glue]
        .map((framing) => `${topic} ${framing}`)
        .filter((wanted) => !framed.includes(wanted)),
    );

    expect(missing).toEqual([]);
    // Synthesizing the stack (without bundling) takes seconds.
  }, 60_000);

  it.each(samples)('%s decodes with createSerde to exactly what the generator encoded', async (sample) => {
    const spec = MskSampleSpecs[sample];
    const topic = sampleTopic(spec.topic);
    const serde = createSerde({
      registry: { kind: 'confluent', url: 'http://samples.invalid' },
      client: sampleSchemaClient(),
    });

    const records = recordsOf(sample);
    const decoded = await Promise.all(
      records.map(async (record) => {
        const value = record.value as Buffer;
        if (spec.framing === SampleFramings.esmJson) {
          // Deserialized by the event source mapping: no magic byte, plain JSON, the id in the metadata.
          return {
            value: JSON.parse(value.toString('utf8')) as unknown,
            schemaId: record.valueSchemaMetadata?.schemaId,
            format: value[0] === 0x7b ? 'esm-json' : `framed 0x${value[0]?.toString(16)}`,
          };
        }
        const { value: decodedValue, schemaId, format } = await serde.decode(value);
        return { value: decodedValue, schemaId, format };
      }),
    );

    const expectedId =
      spec.framing === SampleFramings.glue
        ? SampleSchemaIds[spec.topic].glue
        : spec.framing === SampleFramings.confluent
          ? SampleSchemaIds[spec.topic].confluent
          : String(SampleSchemaIds[spec.topic].confluent);
    expect(parseMskEvent(loadMskEvent(sample)).eventSource).toBe(spec.eventSource);
    expect(decoded).toEqual(
      spec.records.map((r) => ({ value: r.value, schemaId: expectedId, format: spec.framing })),
    );
    expect(records.map((r) => [r.topic, r.partition, r.offset, r.timestamp, r.key?.toString()])).toEqual(
      spec.records.map((r) => [
        topic.name,
        r.partition,
        r.offset,
        occurredAt(spec.topic, r.n),
        `order-${r.n}`,
      ]),
    );
    expect(records.map((r) => envelopeFromHeaders(r.headerMap))).toEqual(
      spec.records.map((r) => sampleEnvelope(topic, r.n)),
    );
  });

  it('frames OrderCancelled with the message index of its first message: 0x00 after the Confluent id, varint 0 after the Glue UUID', () => {
    const ids = SampleSchemaIds['orders.order.cancelled'];
    const confluent = recordsOf(MskSamples.orderCancelledConfluent).map((r) => r.value as Buffer);
    const glue = recordsOf(MskSamples.orderCancelledGlue).map((r) => r.value as Buffer);

    // Confluent: magic 0x00, int32 id, then the index array; [0] is written as the single byte 0x00.
    const confluentPrefix = Buffer.from([0x00, 0x00, 0x00, 0x00, ids.confluent, 0x00]);
    // Glue: magic 0x03, compression 0x00, 16-byte UUID, then the message's index in name order as a varint.
    const gluePrefix = Buffer.concat([
      Buffer.from([0x03, 0x00]),
      Buffer.from(ids.glue.replaceAll('-', ''), 'hex'),
      Buffer.from([0x00]),
    ]);
    expect(confluent.map((v) => v.subarray(0, 6).toString('hex'))).toEqual(
      confluent.map(() => confluentPrefix.toString('hex')),
    );
    expect(glue.map((v) => v.subarray(0, 19).toString('hex'))).toEqual(
      glue.map(() => gluePrefix.toString('hex')),
    );
  });

  it('carry ids no sample registry kind mixes up: each topic has its own Confluent id and Glue UUID', async () => {
    const client = sampleSchemaClient();
    const topics = Object.keys(SampleSchemaIds) as (keyof typeof SampleSchemaIds)[];

    const definitions = await Promise.all(
      topics
        .flatMap((t) => [SampleSchemaIds[t].confluent, SampleSchemaIds[t].glue])
        .map((id) => client.getById(id)),
    );

    expect(definitions.map((d) => d.definition)).toEqual(
      topics.flatMap((t) => [sampleTopic(t).value.definition, sampleTopic(t).value.definition]),
    );
    await expect(client.getById(2)).rejects.toMatchObject({ name: 'SchemaNotFoundError' });
  });
});
