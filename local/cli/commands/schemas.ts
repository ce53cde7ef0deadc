import { Command } from 'commander';
import { checkCompatibility, InvalidSchemaError } from '../../../functions/lib/compat/index.js';
import {
  defaultSchemasDir,
  type Manifest,
  type ManifestSchema,
} from '../../../functions/lib/manifest/index.js';
import {
  type CompatibilityResult,
  type RegisteredSchema,
  RegistryError,
  SchemaNotFoundError,
  type SchemaRegistryClient,
} from '../../../functions/lib/registry/index.js';
import { type SchemaText, sameSchema } from '../../../functions/lib/schema/index.js';
import { subjectName } from '../../../functions/lib/serde/index.js';
import { governanceRefusals } from '../../governance/refusals.js';
import {
  localRegistryClient,
  type RegistryFlags,
  registryOrApicurio,
  withRegistryFlags,
} from '../registry-flags.js';
import { CliError } from '../run.js';
import { auditCommand } from './schemas-audit.js';
import { codeownersCommand } from './schemas-codeowners.js';
import { CheckExitCodes, readManifest } from './schemas-manifest.js';

export { CheckExitCodes } from './schemas-manifest.js';

interface SchemasFlags extends RegistryFlags {
  readonly schemas: string;
  readonly all?: boolean;
}

/** One schema of the manifest under the subject the manifest's strategy gives it. */
interface ManifestSubject {
  readonly topic: string;
  readonly subject: string;
  readonly schema: ManifestSchema;
}

/** The Avro full name, Protobuf message or JSON Schema title that RecordName strategies need. */
function recordName(schema: ManifestSchema): string | undefined {
  if (schema.type === 'PROTOBUF') return schema.message;
  try {
    const parsed = JSON.parse(schema.definition) as { name?: string; namespace?: string; title?: string };
    if (schema.type === 'JSON') return parsed.title;
    if (!parsed.name) return undefined;
    return parsed.name.includes('.') || !parsed.namespace
      ? parsed.name
      : `${parsed.namespace}.${parsed.name}`;
  } catch {
    return undefined;
  }
}

function manifestSubjects(manifest: Manifest): ManifestSubject[] {
  return manifest.topics.flatMap((topic) =>
    (
      [
        [topic.value, false],
        [topic.key, true],
      ] as const
    )
      .filter((pair): pair is readonly [ManifestSchema, boolean] => pair[0] !== undefined)
      .map(([schema, isKey]) => ({
        topic: topic.name,
        subject: subjectName(manifest.subjectStrategy, topic.name, isKey, recordName(schema)),
        schema,
      })),
  );
}

/** A manifest subject's standing: not yet in the registry, an acceptable change, or a refused one. */
type Standing = 'new' | 'ok' | 'refused';

interface Verdict {
  readonly standing: Standing;
  readonly messages: readonly string[];
  /** The registered version that holds this schema in canonical form, if any. */
  readonly unchanged?: RegisteredSchema;
}

/** The registered version holding this schema, compared in canonical form (layout and key order aside). */
function sameVersion(
  versions: readonly RegisteredSchema[],
  schema: SchemaText,
): RegisteredSchema | undefined {
  return versions.find((version) => sameSchema(version, schema));
}

async function registeredVersions(client: SchemaRegistryClient, subject: string) {
  return (client.listVersions?.(subject) ?? Promise.resolve([])).catch((error: unknown) =>
    error instanceof SchemaNotFoundError ? [] : Promise.reject(error),
  );
}

/**
 * The registry's verdict and Eventline's own under the manifest's level, for every format: ours
 * names the rule, version and field (Apicurio and Glue do not) and catches a change the level
 * about to be set would refuse.
 */
async function verdict(client: SchemaRegistryClient, item: ManifestSubject): Promise<Verdict> {
  const { subject, schema } = item;
  const versions = await registeredVersions(client, subject);
  let registry: CompatibilityResult;
  try {
    registry = await client.checkCompatibility(subject, schema);
  } catch (error) {
    if (error instanceof RegistryError && !error.retryable)
      return { standing: 'refused', messages: [error.message] };
    throw error;
  }
  let local: CompatibilityResult = { compatible: true, messages: [] };
  const unchanged = sameVersion(versions, schema);
  if (!unchanged) {
    try {
      local = checkCompatibility({
        level: schema.compatibility,
        candidate: { type: schema.type, definition: schema.definition },
        previous: versions.map((v, i) => ({
          version: v.version ?? i + 1,
          type: v.type,
          definition: v.definition,
        })),
      });
    } catch (error) {
      if (error instanceof InvalidSchemaError) return { standing: 'refused', messages: [error.message] };
      throw error;
    }
  }
  const messages = [...new Set([...local.messages, ...(registry.compatible ? [] : registry.messages)])];
  if (!registry.compatible && messages.length === 0)
    messages.push('the registry refuses it (it gave no reason)');
  const governance = governanceRefusals(item.topic, schema, versions);
  messages.push(...governance);
  if (!registry.compatible || !local.compatible || governance.length > 0)
    return { standing: 'refused', messages };
  return {
    standing: versions.length === 0 ? 'new' : 'ok',
    messages,
    ...(unchanged ? { unchanged } : {}),
  };
}

function write(line: string): void {
  process.stdout.write(`${line}\n`);
}

const labels: Readonly<Record<Standing, string>> = { new: 'new    ', ok: 'ok     ', refused: 'REFUSED' };

/** Prints each subject's standing; the number refused. An unreachable registry ends the run with its own code. */
async function checkAll(client: SchemaRegistryClient, subjects: readonly ManifestSubject[]): Promise<number> {
  let refused = 0;
  for (const item of subjects) {
    let result: Verdict;
    try {
      result = await verdict(client, item);
    } catch (error) {
      if (error instanceof RegistryError && error.retryable) {
        throw new CliError(`registry unreachable: ${error.message}`, CheckExitCodes.unreachable);
      }
      throw error;
    }
    const what = `${item.subject} (${item.schema.file}, ${item.schema.type}, ${item.schema.compatibility})`;
    const state =
      result.standing === 'new'
        ? '  not registered yet'
        : result.unchanged
          ? `  unchanged (version ${result.unchanged.version ?? '?'})`
          : '';
    write(`${labels[result.standing]} ${what}${state}`);
    if (result.standing === 'refused') refused += 1;
    const prefix = result.standing === 'refused' ? '        ' : '        note: ';
    for (const message of result.messages) write(`${prefix}${message}`);
  }
  return refused;
}

/**
 * Registers one manifest schema and sets its subject's level. A schema a version already holds
 * (in canonical form) is not sent again: Confluent would answer with that version anyway, and a
 * registry that compares raw text (Apicurio) would add a version for a change of layout.
 */
async function registerOne(client: SchemaRegistryClient, item: ManifestSubject): Promise<void> {
  const { subject, schema } = item;
  const unchanged = sameVersion(await registeredVersions(client, subject), schema);
  if (unchanged) {
    await client.setCompatibility(schema.compatibility, subject);
    write(
      `unchanged ${subject} version ${unchanged.version ?? '?'} id ${unchanged.id} (${schema.compatibility})`,
    );
    return;
  }
  // An existing subject gets the manifest's level first, so a level the manifest relaxes applies to this change.
  const existed = await client.setCompatibility(schema.compatibility, subject).then(
    () => true,
    (error: unknown) => (error instanceof SchemaNotFoundError ? false : Promise.reject(error)),
  );
  const registered = await client.register(subject, schema);
  if (!existed) await client.setCompatibility(schema.compatibility, subject);
  write(
    `registered ${subject} version ${registered.version ?? '?'} id ${registered.id} (${schema.compatibility})`,
  );
}

async function listAll(client: SchemaRegistryClient, manifest: Manifest, all: boolean): Promise<void> {
  const inManifest = new Map(manifestSubjects(manifest).map((item) => [item.subject, item.schema]));
  const subjects = all ? (await client.listSubjects()).sort() : [...inManifest.keys()];
  for (const subject of subjects) {
    const current = inManifest.get(subject);
    const versions = await registeredVersions(client, subject);
    const level = await client.getCompatibility(subject).catch(() => '?');
    write(`${subject}  compatibility ${level}${versions.length === 0 ? '  (not registered)' : ''}`);
    const same = current && sameVersion(versions, current);
    for (const v of versions) {
      write(`  version ${v.version ?? '?'}  id ${v.id}  ${v.type}${v === same ? '  <- manifest' : ''}`);
    }
    if (current && versions.length > 0 && !same) write('  manifest: changed, not registered yet');
  }
}

/** The flags of `schemas check|register|list`: which registry, which manifest. */
function schemasOptions(command: Command): Command {
  return withSchemasDir(withRegistryFlags(command, { when: "default: the local stack's Apicurio" }));
}

/** `--schemas <dir>`, for every command that reads the manifest. */
export function withSchemasDir(command: Command): Command {
  return command.option(
    '--schemas <dir>',
    'folder holding manifest.json and the schema files',
    defaultSchemasDir,
  );
}

function prepare(flags: SchemasFlags) {
  const manifest = readManifest(flags.schemas);
  const registry = registryOrApicurio(flags, () => manifest.glueRegistryName);
  return { manifest, client: localRegistryClient(registry), subjects: manifestSubjects(manifest) };
}

/** `eventline schemas check|register|list`: the manifest's schemas against either registry kind. */
export function schemasCommand(): Command {
  const schemas = new Command('schemas').description(
    'check, register and list the schemas of schemas/manifest.json',
  );

  schemasOptions(schemas.command('check'))
    .description(
      'the CI gate: exit 1 naming rule, version and field when a schema would be refused, 2 when the registry is unreachable',
    )
    .action(async (flags: SchemasFlags) => {
      const { client, subjects } = prepare(flags);
      const refused = await checkAll(client, subjects);
      if (refused > 0) {
        throw new CliError(
          `${refused} of ${subjects.length} schemas would be refused`,
          CheckExitCodes.refused,
        );
      }
    });

  schemasOptions(schemas.command('register'))
    .description(
      "check every schema, then register them and set each subject's compatibility from the manifest",
    )
    .action(async (flags: SchemasFlags) => {
      const { client, subjects } = prepare(flags);
      const refused = await checkAll(client, subjects);
      if (refused > 0)
        throw new CliError(
          `${refused} of ${subjects.length} schemas would be refused; nothing registered`,
          CheckExitCodes.refused,
        );
      for (const item of subjects) await registerOne(client, item);
    });

  schemasOptions(schemas.command('list'))
    .description('subjects of the manifest with their versions and ids')
    .option('--all', "every subject in the registry, not only the manifest's")
    .action(async (flags: SchemasFlags) => {
      const { client, manifest } = prepare(flags);
      await listAll(client, manifest, flags.all ?? false);
    });

  schemas.addCommand(codeownersCommand());
  schemas.addCommand(auditCommand());

  return schemas;
}
