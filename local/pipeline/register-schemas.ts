import {
  CreateRegistryCommand,
  CreateSchemaCommand,
  type GlueClient,
  RegisterSchemaVersionCommand,
} from '@aws-sdk/client-glue';
import { isAwsError } from '../../functions/lib/errors/index.js';
import type { Manifest, ManifestSchema, ManifestTopic } from '../../functions/lib/manifest/index.js';
import type { SchemaRuleSet } from '../../functions/lib/registry/index.js';
import {
  confluentEncryptRule,
  type KmsKeyIds,
  manifestEncryptTarget,
} from '../../functions/lib/serde/encryption/index.js';
import { PipelineError } from './errors.js';

export type SchemaTarget =
  | {
      readonly kind: 'confluent';
      readonly url: string;
      /**
       * The KMS key ARN of each manifest KEK: a value schema that declares `encryption` is then
       * registered with Confluent's ENCRYPT rule in its ruleSet. @default none: no rule sets
       */
      readonly kmsKeyIds?: KmsKeyIds;
    }
  | { readonly kind: 'glue'; readonly glue: GlueClient; readonly registryName: string };

/**
 * Registers every value (and key) schema of the manifest under its TopicNameStrategy subject
 * (`<topic>-value`), idempotently: a registry answers an already registered schema with its id.
 */
export async function registerManifestSchemas(manifest: Manifest, target: SchemaTarget): Promise<string[]> {
  if (target.kind === 'glue') await ensureGlueRegistry(target);
  const subjects: string[] = [];
  for (const topic of manifest.topics) {
    const schemas: [string, ManifestSchema][] = [[`${topic.name}-value`, topic.value]];
    if (topic.key) schemas.push([`${topic.name}-key`, topic.key]);
    for (const [subject, schema] of schemas) {
      if (target.kind === 'confluent') {
        const ruleSet = subject.endsWith('-value')
          ? encryptRuleSet(manifest, topic, target.kmsKeyIds)
          : undefined;
        await registerConfluent(target.url, subject, schema, ruleSet);
      } else await registerGlue(target, subject, schema);
      subjects.push(subject);
    }
  }
  return subjects;
}

/** The ENCRYPT rule of a topic's value schema, when it declares encryption and KEK keys are known. */
function encryptRuleSet(
  manifest: Manifest,
  topic: ManifestTopic,
  kmsKeyIds: KmsKeyIds | undefined,
): SchemaRuleSet | undefined {
  if (kmsKeyIds === undefined) return undefined;
  const target = manifestEncryptTarget(topic, manifest.subjectStrategy, kmsKeyIds);
  return target && { domainRules: [confluentEncryptRule(target.rule)] };
}

async function registerConfluent(
  url: string,
  subject: string,
  schema: ManifestSchema,
  ruleSet: SchemaRuleSet | undefined,
): Promise<void> {
  const response = await fetch(`${url}/subjects/${encodeURIComponent(subject)}/versions`, {
    method: 'POST',
    headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' },
    body: JSON.stringify({
      schema: schema.definition,
      ...(schema.type === 'AVRO' ? {} : { schemaType: schema.type }),
      ...(ruleSet ? { ruleSet } : {}),
    }),
  });
  if (!response.ok) {
    throw new PipelineError(
      `registering ${subject} at ${url} failed: ${response.status} ${await response.text()}`,
      { retryable: response.status >= 500 },
    );
  }
}

async function ensureGlueRegistry(target: Extract<SchemaTarget, { kind: 'glue' }>): Promise<void> {
  try {
    await target.glue.send(new CreateRegistryCommand({ RegistryName: target.registryName }));
  } catch (error) {
    if (!isAwsError(error, 'AlreadyExistsException')) throw error;
  }
}

async function registerGlue(
  target: Extract<SchemaTarget, { kind: 'glue' }>,
  subject: string,
  schema: ManifestSchema,
): Promise<void> {
  const registryId = { RegistryName: target.registryName };
  try {
    await target.glue.send(
      new CreateSchemaCommand({
        RegistryId: registryId,
        SchemaName: subject,
        DataFormat: schema.type,
        Compatibility: schema.compatibility === 'BACKWARD_TRANSITIVE' ? 'BACKWARD_ALL' : 'BACKWARD',
        SchemaDefinition: schema.definition,
      }),
    );
  } catch (error) {
    if (!isAwsError(error, 'AlreadyExistsException')) throw error;
    // Idempotent in Glue: the same definition returns the existing version.
    await target.glue.send(
      new RegisterSchemaVersionCommand({
        SchemaId: { ...registryId, SchemaName: subject },
        SchemaDefinition: schema.definition,
      }),
    );
  }
}
