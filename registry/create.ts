import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { GlueClient } from '@aws-sdk/client-glue';
import type { CompatibilityLevel } from '../functions/lib/schema/index.js';
import { DekRegistry } from './dek/dek-registry.js';
import { DekStore } from './dek/dek-store.js';
import { RegistryService } from './service/registry-service.js';
import { GlueStore } from './store/glue-store.js';
import { IndexTable } from './store/index-table.js';
import { serviceTableDefinition } from './store/table.js';
import { ensureTable } from './store/table-setup.js';

export interface CreateRegistryServiceOptions {
  readonly glue: GlueClient;
  readonly dynamodb: DynamoDBClient;
  readonly glueRegistryName: string;
  readonly tableName: string;
  /** Create the Glue registry and the table when absent (local stack, tests). @default false */
  readonly createResources?: boolean;
  /** How long Glue may keep a version PENDING. @default 30000 */
  readonly pendingTimeoutMs?: number;
  /** @default 'BACKWARD' */
  readonly defaultCompatibility?: CompatibilityLevel;
}

/** Wires the Glue store and the id table into the service. */
export async function createRegistryService(options: CreateRegistryServiceOptions): Promise<RegistryService> {
  const glue = new GlueStore({
    client: options.glue,
    registryName: options.glueRegistryName,
    pendingWait: { timeoutMs: options.pendingTimeoutMs ?? 30_000 },
  });
  if (options.createResources) {
    await Promise.all([
      glue.ensureRegistry(),
      ensureTable(options.dynamodb, serviceTableDefinition(options.tableName)),
    ]);
  }
  return new RegistryService({
    glue,
    table: new IndexTable(options.dynamodb, options.tableName),
    ...(options.defaultCompatibility ? { defaultCompatibility: options.defaultCompatibility } : {}),
  });
}

export interface CreateDekRegistryOptions {
  readonly dynamodb: DynamoDBClient;
  readonly tableName: string;
  /** Create the table when absent (local stack, tests). @default false */
  readonly createResources?: boolean;
}

/** The DEK registry over its own DynamoDB table. */
export async function createDekRegistry(options: CreateDekRegistryOptions): Promise<DekRegistry> {
  if (options.createResources) await ensureTable(options.dynamodb, serviceTableDefinition(options.tableName));
  return new DekRegistry(new DekStore(options.dynamodb, options.tableName));
}
