import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { dlqTopicOf } from '../dlq/headers.js';
import type { CompatibilityLevel, SchemaType, SubjectStrategy } from '../schema/index.js';
import { ManifestError, UnknownEventTypeError, UnknownTopicError } from './errors.js';
import type { Manifest, ManifestSchema, ManifestTopic } from './types.js';

/** The project's own schemas folder (schemas/ at the repository root). */
export const defaultSchemasDir = resolve(fileURLToPath(new URL('../../../schemas', import.meta.url)));

/** The source material's alert: lag above 5 minutes on a critical topic. */
export const defaultMaxLagSeconds = 300;

interface RawSchemaRef {
  schema: string;
  type: SchemaType;
  message?: string;
  compatibility?: CompatibilityLevel;
}

interface RawManifest {
  glueRegistryName: string;
  subjectStrategy?: SubjectStrategy;
  retiredTopics?: string[];
  topics: {
    name: string;
    eventType: string;
    aggregateType: string;
    partitions?: number;
    replicationFactor?: number;
    maxLagSeconds?: number;
    config?: Record<string, string>;
    value: RawSchemaRef;
    key?: RawSchemaRef;
  }[];
}

/**
 * Reads `manifest.json` and every schema file it names from a schemas folder.
 * @example const manifest = loadManifest(); manifest.topicForEvent('OrderPlaced').name
 */
export function loadManifest(schemasDir: string = defaultSchemasDir): Manifest {
  const raw = readJson(join(schemasDir, 'manifest.json')) as RawManifest;
  const validate = new Ajv({ allErrors: true, useDefaults: false, strict: false }).compile(
    readJson(join(schemasDir, 'manifest.schema.json')) as object,
  );
  if (!validate(raw)) {
    const problems = (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`).join('; ');
    throw new ManifestError(`${join(schemasDir, 'manifest.json')} is invalid: ${problems}`);
  }
  const topics = raw.topics.map((topic): ManifestTopic => {
    const key = topic.key ? loadSchema(schemasDir, topic.key) : undefined;
    return {
      name: topic.name,
      dlq: dlqTopicOf(topic.name),
      eventType: topic.eventType,
      aggregateType: topic.aggregateType,
      partitions: topic.partitions ?? 6,
      ...(topic.replicationFactor ? { replicationFactor: topic.replicationFactor } : {}),
      maxLagSeconds: topic.maxLagSeconds ?? defaultMaxLagSeconds,
      config: topic.config ?? {},
      value: loadSchema(schemasDir, topic.value),
      ...(key ? { key } : {}),
    };
  });
  const byEvent = new Map(topics.map((topic) => [topic.eventType, topic]));
  const byName = new Map(topics.map((topic) => [topic.name, topic]));
  if (byEvent.size !== topics.length)
    throw new ManifestError('two topics in the manifest share an eventType');
  if (byName.size !== topics.length) throw new ManifestError('two topics in the manifest share a name');
  return {
    glueRegistryName: raw.glueRegistryName,
    subjectStrategy: raw.subjectStrategy ?? 'TopicName',
    retiredTopics: raw.retiredTopics ?? [],
    topics,
    topicForEvent(eventType) {
      const topic = byEvent.get(eventType);
      if (!topic) throw new UnknownEventTypeError(eventType, [...byEvent.keys()]);
      return topic;
    },
    topic(name) {
      const topic = byName.get(name);
      if (!topic) throw new UnknownTopicError(name, [...byName.keys()]);
      return topic;
    },
  };
}

function loadSchema(schemasDir: string, ref: RawSchemaRef): ManifestSchema {
  if (ref.type === 'PROTOBUF' && !ref.message) {
    throw new ManifestError(
      `${ref.schema}: a PROTOBUF schema needs "message" (the fully qualified message name)`,
    );
  }
  const path = join(schemasDir, ref.schema);
  let definition: string;
  try {
    definition = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ManifestError(`schema file ${path} named in the manifest cannot be read`, { cause: error });
  }
  return {
    file: ref.schema,
    type: ref.type,
    definition,
    ...(ref.message ? { message: ref.message } : {}),
    compatibility: ref.compatibility ?? 'BACKWARD',
  };
}

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ManifestError(`${path} cannot be read as JSON: ${(error as Error).message}`, { cause: error });
  }
}
