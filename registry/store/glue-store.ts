import {
  DeleteSchemaCommand,
  DeleteSchemaVersionsCommand,
  GetRegistryCommand,
  GetSchemaCommand,
  UpdateSchemaCommand,
} from '@aws-sdk/client-glue';
import {
  GlueAdapter,
  type GlueSender,
  glueCompatibility,
  InvalidSchemaError,
  type PendingWaitOptions,
  RegistryError,
  RegistryTimeoutError,
  type RetryOptions,
  SchemaNotFoundError,
} from '../../functions/lib/registry/index.js';
import type { CompatibilityLevel, SchemaType } from '../../functions/lib/schema/index.js';
import { fail, StoreError, StoreTimeoutError } from '../errors.js';

export interface GlueStoreOptions {
  readonly client: GlueSender;
  readonly registryName: string;
  /** How a PENDING version is waited out; past `timeoutMs` the request fails with 50002. @default the Glue adapter's */
  readonly pendingWait?: PendingWaitOptions;
  /** Retries of throttled and unreachable Glue calls. @default the Glue adapter's */
  readonly retry?: RetryOptions;
}

export interface RegisteredVersion {
  readonly versionId: string;
  readonly versionNumber: number;
}

export interface RegisterVersionInput {
  readonly schemaName: string;
  readonly type: SchemaType;
  readonly definition: string;
  readonly compatibility: CompatibilityLevel;
}

/** Schemas and versions in one Glue registry; Glue decides compatibility and numbers versions. */
export class GlueStore {
  private readonly glue: GlueAdapter;

  constructor(options: GlueStoreOptions) {
    this.glue = new GlueAdapter({
      glue: options.client,
      registryName: options.registryName,
      // The service creates the registry once at start (ensureRegistry), or the CDK app does.
      createRegistry: false,
      ...(options.pendingWait === undefined ? {} : { pendingWait: options.pendingWait }),
      ...(options.retry === undefined ? {} : { retry: options.retry }),
    });
  }

  /** Creates the registry when absent (local stack; in AWS the CDK app creates it). */
  async ensureRegistry(): Promise<void> {
    await this.glue.ensureRegistry().catch((error: unknown) => {
      throw new StoreError('creating the Glue registry failed', { cause: error });
    });
  }

  async ping(): Promise<void> {
    await this.call(
      new GetRegistryCommand({ RegistryId: { RegistryName: this.glue.registryName } }),
      'GetRegistry',
    );
  }

  /**
   * Adds a version (Glue returns the existing one for an identical definition), creating
   * the Glue schema on first use, and waits until Glue has judged it.
   */
  async registerVersion(input: RegisterVersionInput): Promise<RegisteredVersion> {
    const compatibility = glueCompatibility(input.compatibility);
    try {
      await this.syncCompatibility(input.schemaName, compatibility);
      const settled = await this.glue.registerVersion(input);
      if (settled.status === 'FAILURE') {
        throw fail.incompatible([
          `AWS Glue marked version ${settled.version} of schema ${input.schemaName} as FAILURE under compatibility ${compatibility}`,
        ]);
      }
      if (settled.status !== 'AVAILABLE') throw new StoreError(`Glue schema version is ${settled.status}`);
      if (!settled.id || settled.version === undefined) {
        throw new StoreError('Glue answered a registration without a version id');
      }
      return { versionId: settled.id, versionNumber: settled.version };
    } catch (error) {
      throw storeFailure(error);
    }
  }

  /** Removes the whole Glue schema (permanent subject delete); absent is fine. */
  async deleteSchema(schemaName: string): Promise<void> {
    await this.call(
      new DeleteSchemaCommand({ SchemaId: this.glue.schemaId(schemaName) }),
      'DeleteSchema',
    ).catch((error: unknown) =>
      error instanceof SchemaNotFoundError ? undefined : Promise.reject(storeFailure(error)),
    );
  }

  /** Removes one version; Glue refuses some (a checkpoint), which the caller may tolerate. */
  async deleteVersion(schemaName: string, version: number): Promise<void> {
    await this.call(
      new DeleteSchemaVersionsCommand({
        SchemaId: this.glue.schemaId(schemaName),
        Versions: String(version),
      }),
      'DeleteSchemaVersions',
    );
  }

  /** Glue keeps the mode per schema; the service owns it, so Glue's copy follows before each registration. */
  private async syncCompatibility(schemaName: string, compatibility: string): Promise<void> {
    const schemaId = this.glue.schemaId(schemaName);
    const current = await this.call<{ Compatibility?: string }>(
      new GetSchemaCommand({ SchemaId: schemaId }),
      'GetSchema',
    ).catch((error: unknown) => (error instanceof SchemaNotFoundError ? undefined : Promise.reject(error)));
    // An absent schema is created with this compatibility by the registration itself.
    if (current !== undefined && current.Compatibility !== compatibility) {
      await this.call(
        new UpdateSchemaCommand({ SchemaId: schemaId, Compatibility: compatibility as never }),
        'UpdateSchema',
      );
    }
  }

  private call<T = unknown>(command: object, operation: string): Promise<T> {
    return this.glue.send<T>(command, { operation });
  }
}

/** Glue failures as the service answers them; the service's own errors pass as they are. */
function storeFailure(error: unknown): Error {
  if (error instanceof RegistryTimeoutError) return new StoreTimeoutError(error.message, { cause: error });
  if (error instanceof InvalidSchemaError)
    return fail.invalidSchema(`AWS Glue refused the schema: ${error.message}`);
  if (error instanceof RegistryError)
    return new StoreError(`AWS Glue call failed: ${error.message}`, { cause: error });
  return error as Error;
}
