import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { dlqTopicOf } from '../dlq/headers.js';
import type { CompatibilityLevel, SchemaType, SubjectStrategy } from '../schema/index.js';
import { InvalidManifestError, ManifestError, UnknownEventTypeError, UnknownTopicError } from './errors.js';
import { describeProblem } from './problems.js';
import type {
  Classification,
  Manifest,
  ManifestEncryption,
  ManifestGovernance,
  ManifestSchema,
  ManifestTopic,
  PiiDecision,
} from './types.js';

/** The project's own schemas folder (schemas/ at the repository root). */
export const defaultSchemasDir = resolve(fileURLToPath(new URL('../../../schemas', import.meta.url)));

/** The source material's alert: lag above 5 minutes on a critical topic. */
export const defaultMaxLagSeconds = 300;

interface RawSchemaRef {
  schema: string;
  type: SchemaType;
  message?: string;
  compatibility?: CompatibilityLevel;
  encryption?: { kek: string; tags?: string[]; dekExpiryDays?: number };
  piiDecisions?: PiiDecision[];
}

/** Confluent's default: the ENCRYPT rule applies to fields tagged PII. */
const defaultEncryptedTags = ['PII'];

const dayMs = 86_400_000;

interface RawManifest {
  glueRegistryName: string;
  subjectStrategy?: SubjectStrategy;
  governance: { privacyTeam: string; keks?: { name: string; description?: string }[] };
  retiredTopics?: string[];
  topics: {
    name: string;
    eventType: string;
    aggregateType: string;
    owner: string;
    classification: Classification;
    retentionDays: number;
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
  const file = join(schemasDir, 'manifest.json');
  const raw = readJson(file) as RawManifest;
  const validate = new Ajv({ allErrors: true, useDefaults: false, strict: false }).compile(
    readJson(join(schemasDir, 'manifest.schema.json')) as object,
  );
  if (!validate(raw)) {
    throw new InvalidManifestError(
      file,
      (validate.errors ?? []).map((error) => describeProblem(raw, error)),
    );
  }
  const governance: ManifestGovernance = {
    privacyTeam: raw.governance.privacyTeam,
    keks: raw.governance.keks ?? [],
  };
  const problems = raw.topics.flatMap((topic) => [
    ...retentionConflict(topic),
    ...[topic.value, topic.key].flatMap((ref) => unknownKek(topic.name, ref, governance)),
  ]);
  if (problems.length > 0) throw new InvalidManifestError(file, problems);
  const topics = raw.topics.map((topic): ManifestTopic => {
    const key = topic.key ? loadSchema(schemasDir, topic.key) : undefined;
    return {
      name: topic.name,
      dlq: dlqTopicOf(topic.name),
      eventType: topic.eventType,
      aggregateType: topic.aggregateType,
      owner: topic.owner,
      classification: topic.classification,
      retentionDays: topic.retentionDays,
      partitions: topic.partitions ?? 6,
      ...(topic.replicationFactor ? { replicationFactor: topic.replicationFactor } : {}),
      maxLagSeconds: topic.maxLagSeconds ?? defaultMaxLagSeconds,
      config: { ...topic.config, 'retention.ms': String(topic.retentionDays * dayMs) },
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
    governance,
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

/** A `config.retention.ms` that says something else than `retentionDays` would make two sources of truth. */
function retentionConflict(topic: RawManifest['topics'][number]): string[] {
  const stated = topic.config?.['retention.ms'];
  const derived = String(topic.retentionDays * dayMs);
  if (stated === undefined || stated === derived) return [];
  return [
    `topic "${topic.name}" has config retention.ms ${stated} but retentionDays ${topic.retentionDays} (${derived} ms): remove config["retention.ms"], retentionDays sets it`,
  ];
}

function unknownKek(topic: string, ref: RawSchemaRef | undefined, governance: ManifestGovernance): string[] {
  const kek = ref?.encryption?.kek;
  if (kek === undefined || governance.keks.some((known) => known.name === kek)) return [];
  const known = governance.keks.map((k) => k.name).join(', ') || 'none';
  return [
    `topic "${topic}" encrypts with KEK "${kek}", which governance.keks does not declare (declared: ${known}): add { "name": "${kek}" } to governance.keks or name a declared KEK`,
  ];
}

function encryptionOf(ref: RawSchemaRef): ManifestEncryption | undefined {
  if (!ref.encryption) return undefined;
  const { kek, tags, dekExpiryDays } = ref.encryption;
  return { kek, tags: tags ?? defaultEncryptedTags, ...(dekExpiryDays ? { dekExpiryDays } : {}) };
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
  const encryption = encryptionOf(ref);
  return {
    file: ref.schema,
    type: ref.type,
    definition,
    ...(ref.message ? { message: ref.message } : {}),
    compatibility: ref.compatibility ?? 'BACKWARD',
    ...(encryption ? { encryption } : {}),
    piiDecisions: ref.piiDecisions ?? [],
  };
}

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ManifestError(`${path} cannot be read as JSON: ${(error as Error).message}`, { cause: error });
  }
}
