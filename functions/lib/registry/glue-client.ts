import {
  GetSchemaByDefinitionCommand,
  GetSchemaCommand,
  GetSchemaVersionCommand,
  GlueClient,
  ListSchemasCommand,
  UpdateSchemaCommand,
} from '@aws-sdk/client-glue';
import type { CompatibilityLevel, SchemaType } from '../schema/index.js';
import {
  IncompatibleSchemaError,
  RegistryRequestError,
  SchemaNotFoundError,
  SubjectNotFoundError,
} from './errors.js';
import { GlueAdapter } from './glue-adapter.js';
import { checkGlueCompatibility } from './glue-check.js';
import { confluentCompatibility, glueCompatibility } from './glue-compatibility.js';
import { type GlueFailureContext, subjectNotFound } from './glue-errors.js';
import type { GlueClientOptions } from './options.js';
import type { CompatibilityResult, RegisteredSchema, SchemaInput, SchemaRegistryClient } from './types.js';

interface GlueSchema {
  readonly DataFormat?: string;
  readonly Compatibility?: string;
  readonly LatestSchemaVersion?: number;
}

interface GlueVersion {
  readonly SchemaVersionId?: string;
  readonly SchemaDefinition?: string;
  readonly DataFormat?: string;
  readonly SchemaArn?: string;
  readonly VersionNumber?: number;
  readonly Status?: string;
}

/**
 * A client for AWS Glue Schema Registry: one Glue registry, subject = Glue schema name, ids =
 * schema-version UUIDs. Calls go through the Glue adapter (concurrency limit, retries with jitter
 * when throttled, registering waits out Glue's asynchronous compatibility check, PENDING).
 */
export class GlueRegistryClient implements SchemaRegistryClient {
  readonly kind = 'glue' as const;
  readonly registryName: string;
  readonly #glue: GlueAdapter;
  readonly #defaultCompatibility: CompatibilityLevel;

  constructor(options: GlueClientOptions) {
    this.registryName = options.registryName;
    const sender =
      options.glue ??
      new GlueClient({
        ...(options.endpoint ? { endpoint: options.endpoint } : {}),
        ...(options.region ? { region: options.region } : {}),
        ...(options.credentials ? { credentials: options.credentials } : {}),
        // One retry policy (ours, with jitter and the concurrency limit), not the SDK's on top of it.
        maxAttempts: 1,
      });
    this.#glue = new GlueAdapter({
      glue: sender,
      registryName: options.registryName,
      ...(options.maxConcurrentCalls === undefined ? {} : { maxConcurrentCalls: options.maxConcurrentCalls }),
      ...(options.retry === undefined ? {} : { retry: options.retry }),
      ...(options.pendingWait === undefined ? {} : { pendingWait: options.pendingWait }),
      ...(options.createRegistry === undefined ? {} : { createRegistry: options.createRegistry }),
    });
    this.#defaultCompatibility = options.defaultCompatibility ?? 'BACKWARD';
  }

  #send<T>(command: object, failure: GlueFailureContext): Promise<T> {
    return this.#glue.send<T>(command, failure);
  }

  #schemaId(subject: string) {
    return this.#glue.schemaId(subject);
  }

  async register(subject: string, schema: SchemaInput): Promise<RegisteredSchema> {
    const existing = await this.#byDefinition(subject, schema);
    const settled =
      existing?.Status === 'AVAILABLE' || existing?.Status === 'PENDING'
        ? await this.#glue.settle({ id: existing.SchemaVersionId as string, status: existing.Status })
        : await this.#glue.registerVersion({
            schemaName: subject,
            type: schema.type,
            definition: schema.definition,
            compatibility: this.#defaultCompatibility,
          });
    if (settled.status !== 'AVAILABLE') {
      const explained = await this.#explain(subject, schema);
      throw new IncompatibleSchemaError(
        `Glue refused the new version of ${subject} in registry ${this.registryName} (status ${settled.status})`,
        explained,
        { url: 'glue:RegisterSchemaVersion', errorCode: settled.status },
      );
    }
    return {
      id: settled.id,
      type: schema.type,
      definition: schema.definition,
      subject,
      ...(settled.version === undefined ? {} : { version: settled.version }),
    };
  }

  async lookup(subject: string, schema: SchemaInput): Promise<RegisteredSchema> {
    const found = await this.#byDefinition(subject, schema);
    if (found === undefined || found.Status !== 'AVAILABLE') {
      throw new SchemaNotFoundError(
        `no AVAILABLE version of ${subject} in Glue registry ${this.registryName} has this definition`,
        { url: 'glue:GetSchemaByDefinition' },
      );
    }
    return { id: found.SchemaVersionId as string, type: schema.type, definition: schema.definition, subject };
  }

  async getById(id: number | string): Promise<RegisteredSchema> {
    if (typeof id === 'number') {
      throw new RegistryRequestError(`Glue ids are schema-version UUIDs, not ints (got ${id})`);
    }
    const version = await this.#send<GlueVersion>(new GetSchemaVersionCommand({ SchemaVersionId: id }), {
      operation: 'GetSchemaVersion',
    });
    return this.#registered(version, `schema version ${id}`);
  }

  async getLatest(subject: string): Promise<RegisteredSchema> {
    const version = await this.#send<GlueVersion>(
      new GetSchemaVersionCommand({
        SchemaId: this.#schemaId(subject),
        SchemaVersionNumber: { LatestVersion: true },
      }),
      { operation: 'GetSchemaVersion', notFound: subjectNotFound },
    );
    return this.#registered(version, `the latest version of ${subject}`);
  }

  async listSubjects(): Promise<string[]> {
    const names: string[] = [];
    let token: string | undefined;
    do {
      const page = await this.#send<{ Schemas?: { SchemaName?: string }[]; NextToken?: string }>(
        new ListSchemasCommand({
          RegistryId: { RegistryName: this.registryName },
          ...(token ? { NextToken: token } : {}),
        }),
        { operation: 'ListSchemas' },
      );
      for (const schema of page.Schemas ?? []) if (schema.SchemaName) names.push(schema.SchemaName);
      token = page.NextToken;
    } while (token);
    return names;
  }

  /** Reads versions 1..latest one by one (GetSchemaVersion), which every Glue endpoint, moto included, answers. */
  async listVersions(subject: string): Promise<RegisteredSchema[]> {
    const schema = await this.#schema(subject);
    if (schema === undefined)
      throw new SubjectNotFoundError(`no schema ${subject} in Glue registry ${this.registryName}`);
    const numbers = Array.from({ length: schema.LatestSchemaVersion ?? 0 }, (_, i) => i + 1);
    const versions = await Promise.all(
      numbers.map((n) =>
        this.#send<GlueVersion>(
          new GetSchemaVersionCommand({
            SchemaId: this.#schemaId(subject),
            SchemaVersionNumber: { VersionNumber: n },
          }),
          { operation: 'GetSchemaVersion' },
        ).catch((error: unknown) =>
          error instanceof SchemaNotFoundError ? undefined : Promise.reject(error),
        ),
      ),
    );
    return versions
      .filter((v): v is GlueVersion => v?.Status === 'AVAILABLE')
      .map((v) => this.#toRegistered(v, subject));
  }

  async checkCompatibility(subject: string, schema: SchemaInput): Promise<CompatibilityResult> {
    const current = await this.#schema(subject);
    if (current === undefined) return { compatible: true, messages: [] };
    const already = await this.#byDefinition(subject, schema);
    if (already?.Status === 'AVAILABLE') return { compatible: true, messages: [] };
    return checkGlueCompatibility({
      subject,
      candidate: schema,
      dataFormat: current.DataFormat,
      mode: current.Compatibility,
      versions: () => this.listVersions(subject),
    });
  }

  async getCompatibility(subject?: string): Promise<CompatibilityLevel> {
    if (subject === undefined) return this.#defaultCompatibility;
    const schema = await this.#schema(subject);
    if (schema === undefined) return this.#defaultCompatibility;
    const level = confluentCompatibility(schema.Compatibility);
    if (level === undefined) {
      throw new RegistryRequestError(
        `Glue schema ${subject} has compatibility ${schema.Compatibility}, which has no Confluent equivalent (DISABLED: no new versions)`,
      );
    }
    return level;
  }

  async setCompatibility(level: CompatibilityLevel, subject?: string): Promise<void> {
    if (subject === undefined) {
      throw new RegistryRequestError(
        'Glue has no registry-wide compatibility; set it per subject (Glue schema)',
      );
    }
    await this.#send(
      new UpdateSchemaCommand({ SchemaId: this.#schemaId(subject), Compatibility: glueCompatibility(level) }),
      { operation: 'UpdateSchema', notFound: subjectNotFound },
    );
  }

  async #schema(subject: string): Promise<GlueSchema | undefined> {
    return this.#send<GlueSchema>(new GetSchemaCommand({ SchemaId: this.#schemaId(subject) }), {
      operation: 'GetSchema',
      notFound: subjectNotFound,
    }).catch((error: unknown) => (error instanceof SchemaNotFoundError ? undefined : Promise.reject(error)));
  }

  async #byDefinition(subject: string, schema: SchemaInput): Promise<GlueVersion | undefined> {
    return this.#send<GlueVersion>(
      new GetSchemaByDefinitionCommand({
        SchemaId: this.#schemaId(subject),
        SchemaDefinition: schema.definition,
      }),
      { operation: 'GetSchemaByDefinition' },
    ).catch((error: unknown) => (error instanceof SchemaNotFoundError ? undefined : Promise.reject(error)));
  }

  /** Glue says FAILURE without a reason; for Avro our own checker names the field and rule. */
  async #explain(subject: string, schema: SchemaInput): Promise<readonly string[]> {
    try {
      const current = await this.#schema(subject);
      const result = await checkGlueCompatibility({
        subject,
        candidate: schema,
        dataFormat: current?.DataFormat,
        mode: current?.Compatibility,
        versions: () => this.listVersions(subject),
      });
      return result.compatible ? [] : result.messages;
    } catch {
      return [];
    }
  }

  #registered(version: GlueVersion, what: string): RegisteredSchema {
    if (version.Status !== 'AVAILABLE') {
      throw new SchemaNotFoundError(
        `${what} in Glue registry ${this.registryName} is ${version.Status}, not AVAILABLE`,
      );
    }
    return this.#toRegistered(version, subjectOfArn(version.SchemaArn));
  }

  #toRegistered(version: GlueVersion, subject: string | undefined): RegisteredSchema {
    return {
      id: version.SchemaVersionId as string,
      type: version.DataFormat as SchemaType,
      definition: version.SchemaDefinition as string,
      ...(subject === undefined ? {} : { subject }),
      ...(version.VersionNumber === undefined ? {} : { version: version.VersionNumber }),
    };
  }
}

/** `arn:aws:glue:<region>:<account>:schema/<registry>/<schema>` → `<schema>`. */
function subjectOfArn(arn: string | undefined): string | undefined {
  return arn?.split('/').slice(2).join('/') || undefined;
}
