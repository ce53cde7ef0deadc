import {
  CreateRegistryCommand,
  CreateSchemaCommand,
  type GlueClient,
  RegisterSchemaVersionCommand,
} from '@aws-sdk/client-glue';
import { isAwsError } from '../../functions/lib/errors/index.js';
import type { Manifest, ManifestSchema } from '../../functions/lib/manifest/index.js';
import { PipelineError } from './errors.js';

export type SchemaTarget =
  | { readonly kind: 'confluent'; readonly url: string }
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
      if (target.kind === 'confluent') await registerConfluent(target.url, subject, schema);
      else await registerGlue(target, subject, schema);
      subjects.push(subject);
    }
  }
  return subjects;
}

async function registerConfluent(url: string, subject: string, schema: ManifestSchema): Promise<void> {
  const response = await fetch(`${url}/subjects/${encodeURIComponent(subject)}/versions`, {
    method: 'POST',
    headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' },
    body: JSON.stringify({
      schema: schema.definition,
      ...(schema.type === 'AVRO' ? {} : { schemaType: schema.type }),
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
