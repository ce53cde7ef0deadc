import { setTimeout as sleep } from 'node:timers/promises';
import {
  CreateRegistryCommand,
  CreateSchemaCommand,
  DeleteSchemaCommand,
  DeleteSchemaVersionsCommand,
  GetRegistryCommand,
  GetSchemaCommand,
  GetSchemaVersionCommand,
  type GlueClient,
  RegisterSchemaVersionCommand,
  UpdateSchemaCommand,
} from '@aws-sdk/client-glue';
import { glueCompatibility } from '../../functions/lib/registry/glue-compatibility.js';
import type { CompatibilityLevel, SchemaType } from '../../functions/lib/schema/index.js';
import { fail, StoreError, StoreTimeoutError } from '../errors.js';

export interface GlueStoreOptions {
  readonly client: Pick<GlueClient, 'send'>;
  readonly registryName: string;
  /** How long a version may stay PENDING before the request fails with 50002. @default 30000 */
  readonly pendingTimeoutMs?: number;
  /** @default 200 */
  readonly pollIntervalMs?: number;
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

function errorName(error: unknown): string {
  return (error as { name?: string }).name ?? '';
}

/** Schemas and versions in one Glue registry; Glue decides compatibility and numbers versions. */
export class GlueStore {
  private readonly client: Pick<GlueClient, 'send'>;
  private readonly registryName: string;
  private readonly pendingTimeoutMs: number;
  private readonly pollIntervalMs: number;

  constructor(options: GlueStoreOptions) {
    this.client = options.client;
    this.registryName = options.registryName;
    this.pendingTimeoutMs = options.pendingTimeoutMs ?? 30_000;
    this.pollIntervalMs = options.pollIntervalMs ?? 200;
  }

  /** Creates the registry when absent (local stack; in AWS the CDK app creates it). */
  async ensureRegistry(): Promise<void> {
    try {
      await this.client.send(new CreateRegistryCommand({ RegistryName: this.registryName }));
    } catch (error) {
      if (errorName(error) !== 'AlreadyExistsException')
        throw new StoreError('creating the Glue registry failed', { cause: error });
    }
  }

  async ping(): Promise<void> {
    await this.client.send(new GetRegistryCommand({ RegistryId: { RegistryName: this.registryName } }));
  }

  /**
   * Adds a version (Glue returns the existing one for an identical definition), creating
   * the Glue schema on first use, and waits until Glue has judged it.
   */
  async registerVersion(input: RegisterVersionInput): Promise<RegisteredVersion> {
    const schemaId = { RegistryName: this.registryName, SchemaName: input.schemaName };
    const compatibility = glueCompatibility(input.compatibility);
    let registered: { SchemaVersionId?: string; VersionNumber?: number; Status?: string };
    try {
      await this.syncCompatibility(schemaId, compatibility);
      registered = await this.client.send(
        new RegisterSchemaVersionCommand({ SchemaId: schemaId, SchemaDefinition: input.definition }),
      );
    } catch (error) {
      if (errorName(error) !== 'EntityNotFoundException') throw this.translate(error);
      registered = await this.createSchema(input, compatibility);
    }
    if (!registered.SchemaVersionId || registered.VersionNumber === undefined) {
      throw new StoreError('Glue answered a registration without a version id');
    }
    const status = await this.waitForVerdict(registered.SchemaVersionId, registered.Status);
    if (status === 'FAILURE') {
      throw fail.incompatible([
        `AWS Glue marked version ${registered.VersionNumber} of schema ${input.schemaName} as FAILURE under compatibility ${compatibility}`,
      ]);
    }
    if (status !== 'AVAILABLE') throw new StoreError(`Glue schema version is ${status}`);
    return { versionId: registered.SchemaVersionId, versionNumber: registered.VersionNumber };
  }

  /** Removes the whole Glue schema (permanent subject delete); absent is fine. */
  async deleteSchema(schemaName: string): Promise<void> {
    try {
      await this.client.send(
        new DeleteSchemaCommand({ SchemaId: { RegistryName: this.registryName, SchemaName: schemaName } }),
      );
    } catch (error) {
      if (errorName(error) !== 'EntityNotFoundException') throw this.translate(error);
    }
  }

  /** Removes one version; Glue refuses some (a checkpoint), which the caller may tolerate. */
  async deleteVersion(schemaName: string, version: number): Promise<void> {
    await this.client.send(
      new DeleteSchemaVersionsCommand({
        SchemaId: { RegistryName: this.registryName, SchemaName: schemaName },
        Versions: String(version),
      }),
    );
  }

  private async createSchema(input: RegisterVersionInput, compatibility: string) {
    try {
      const created = await this.client.send(
        new CreateSchemaCommand({
          RegistryId: { RegistryName: this.registryName },
          SchemaName: input.schemaName,
          DataFormat: input.type,
          Compatibility: compatibility as never,
          SchemaDefinition: input.definition,
        }),
      );
      return {
        SchemaVersionId: created.SchemaVersionId,
        VersionNumber: created.LatestSchemaVersion,
        Status: created.SchemaVersionStatus,
      };
    } catch (error) {
      // Another task created it a moment ago: register into it instead.
      if (errorName(error) !== 'AlreadyExistsException') throw this.translate(error);
      return this.client
        .send(
          new RegisterSchemaVersionCommand({
            SchemaId: { RegistryName: this.registryName, SchemaName: input.schemaName },
            SchemaDefinition: input.definition,
          }),
        )
        .catch((retryError: unknown) => {
          throw this.translate(retryError);
        });
    }
  }

  private async syncCompatibility(
    schemaId: { RegistryName: string; SchemaName: string },
    compatibility: string,
  ) {
    const current = await this.client.send(new GetSchemaCommand({ SchemaId: schemaId }));
    if (current.Compatibility !== compatibility) {
      await this.client.send(
        new UpdateSchemaCommand({ SchemaId: schemaId, Compatibility: compatibility as never }),
      );
    }
  }

  private async waitForVerdict(versionId: string, initial: string | undefined): Promise<string> {
    let status = initial ?? 'PENDING';
    const deadline = Date.now() + this.pendingTimeoutMs;
    while (status === 'PENDING') {
      if (Date.now() > deadline) {
        throw new StoreTimeoutError(
          `Glue kept schema version ${versionId} PENDING for ${this.pendingTimeoutMs} ms`,
        );
      }
      await sleep(this.pollIntervalMs);
      try {
        const version = await this.client.send(new GetSchemaVersionCommand({ SchemaVersionId: versionId }));
        status = version.Status ?? 'PENDING';
      } catch (error) {
        throw this.translate(error);
      }
    }
    return status;
  }

  private translate(error: unknown): Error {
    if (error instanceof Error && 'errorCode' in error) return error;
    const name = errorName(error);
    const message = (error as Error).message ?? String(error);
    if (name === 'InvalidInputException')
      return fail.invalidSchema(`AWS Glue refused the schema: ${message}`);
    return new StoreError(`AWS Glue call failed: ${name} ${message}`, { cause: error });
  }
}
