import { loadManifest, type Manifest, type ManifestTopic } from '../../../functions/lib/manifest/index.js';
import { SchemaNotFoundError } from '../../../functions/lib/registry/errors.js';
import type { RegisteredSchema } from '../../../functions/lib/registry/index.js';
import type { SchemaInput, SchemaRegistryClient } from '../../../functions/lib/registry/types.js';
import { createSerde, type Serde } from '../../../functions/lib/serde/index.js';

/**
 * The schema ids the samples carry. They are fixed so the files stay byte-stable; no live
 * registry hands out these ids for these schemas (a registry numbers schemas in the order they
 * are registered), so decode the samples with `sampleSchemaClient()` or `decode --schema`.
 * The Confluent ids are the ones the consumer integration tests' table registry uses.
 */
export const SampleSchemaIds = {
  'orders.order.placed': { confluent: 3, glue: '2b4e7c1a-3d5f-4a60-8b71-9c0d1e2f3a41' },
  'orders.order.paid': { confluent: 1, glue: '5f0f7d1c-7a4e-4c1b-9d55-0c7f3e2a9b10' },
  'orders.order.cancelled': { confluent: 4, glue: '7d1e9f3b-5a6c-4b2d-8e0f-1a2b3c4d5e62' },
} as const;
export type SampleTopic = keyof typeof SampleSchemaIds;

export type SampleRegistryKind = 'confluent' | 'glue';

/** The manifest's entry for a sample topic (schema text, event type, Protobuf message). */
export function sampleTopic(name: SampleTopic): ManifestTopic {
  manifest ??= loadManifest();
  return manifest.topic(name);
}
// Loaded once: the loader validates the manifest and reads every schema file on each call.
let manifest: Manifest | undefined;

/**
 * A registry that knows only the samples' schemas, by the ids above: `getById` answers both
 * kinds of id, `lookup` (what an encode asks) answers the `kind`'s id, so a serde framing
 * Confluent gets the int id and one framing Glue the UUID. Any other id is not found.
 */
export function sampleSchemaClient(kind: SampleRegistryKind = 'confluent'): SchemaRegistryClient {
  const topics = (Object.keys(SampleSchemaIds) as SampleTopic[]).map(sampleTopic);
  const byId = new Map<number | string, SchemaInput>();
  for (const topic of topics) {
    const ids = SampleSchemaIds[topic.name as SampleTopic];
    const schema = { type: topic.value.type, definition: topic.value.definition };
    byId.set(ids.confluent, schema);
    byId.set(ids.glue, schema);
  }
  const offline = (what: string) => () =>
    Promise.reject(new Error(`the sample registry answers getById and lookup only, not ${what}`));
  return {
    kind,
    getById(id): Promise<RegisteredSchema> {
      const schema = byId.get(typeof id === 'string' ? id.toLowerCase() : id);
      if (schema === undefined)
        return Promise.reject(new SchemaNotFoundError(`no sample schema has id ${id}`));
      return Promise.resolve({ id, type: schema.type, definition: schema.definition });
    },
    lookup(subject, schema): Promise<RegisteredSchema> {
      // The samples use the TopicName strategy: the value subject is `<topic>-value`.
      const topic = topics.find(
        (t) => `${t.name}-value` === subject && t.value.definition === schema.definition,
      );
      if (topic === undefined) {
        return Promise.reject(new SchemaNotFoundError(`no sample schema under subject ${subject}`));
      }
      const id = SampleSchemaIds[topic.name as SampleTopic][kind];
      return Promise.resolve({ id, type: schema.type, definition: schema.definition, subject, version: 1 });
    },
    register: offline('register'),
    getLatest: offline('getLatest'),
    listSubjects: offline('listSubjects'),
    checkCompatibility: offline('checkCompatibility'),
    getCompatibility: offline('getCompatibility'),
    setCompatibility: offline('setCompatibility'),
  };
}

/** The real serde over the sample registry: decodes every sample, encodes in the kind's framing. */
export function sampleSerde(kind: SampleRegistryKind = 'confluent'): Serde {
  const registry =
    kind === 'glue'
      ? ({ kind: 'glue', registryName: 'eventline-samples' } as const)
      : ({ kind: 'confluent', url: 'http://samples.invalid' } as const);
  return createSerde({ registry, client: sampleSchemaClient(kind) });
}
