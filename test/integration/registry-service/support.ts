import { DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GlueClient } from '@aws-sdk/client-glue';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { EnvNames } from '../../../functions/lib/config/env-names.js';
import { stackEnv } from '../../../local/stack/env.js';
import type { Principal, Role } from '../../../registry/access/roles.js';
import type { AuditSink } from '../../../registry/audit/audit-sink.js';
import { createDekRegistry, createRegistryService } from '../../../registry/create.js';
import { buildServer } from '../../../registry/server.js';
import { localClientConfig, localEndpoints, uniqueName } from '../../support/local-aws.js';

export interface RunningRegistry {
  readonly url: string;
  readonly app: FastifyInstance;
  close(): Promise<void>;
}

export interface StartOptions {
  readonly users?: Readonly<Record<string, string>>;
  readonly principals?: readonly Principal[];
  readonly anonymousRole?: Role;
  readonly audit?: AuditSink;
}

/**
 * The Glue registry every registry-service test file shares, and a table of the file's own.
 * moto allows only 10 Glue registries (AWS's default quota) on the whole shared stack, so
 * the files do not take one each; their subjects are unique names, so sharing is safe. The
 * registry stays (it is created when absent); `drop()` removes the table.
 */
export interface RegistryResources {
  readonly glueRegistryName: string;
  readonly tableName: string;
  readonly dekTableName: string;
  drop(): Promise<void>;
}

export const sharedTestGlueRegistry = 'eventline-test';

export function testResources(): RegistryResources {
  const tableName = uniqueName('eventline-test-registry');
  const dekTableName = `${tableName}-dek`;
  return {
    glueRegistryName: sharedTestGlueRegistry,
    tableName,
    dekTableName,
    async drop() {
      const dynamodb = new DynamoDBClient(localClientConfig('dynamodb'));
      for (const name of [tableName, dekTableName]) {
        await dynamodb.send(new DeleteTableCommand({ TableName: name })).catch(() => undefined);
      }
    },
  };
}

/** An in-process registry service on an ephemeral 127.0.0.1 port, over moto and DynamoDB Local. */
export async function startRegistry(
  resources: Pick<RegistryResources, 'glueRegistryName' | 'tableName'> & { readonly dekTableName?: string },
  options: StartOptions = {},
): Promise<RunningRegistry> {
  const dekRegistry = resources.dekTableName
    ? await createDekRegistry({
        dynamodb: new DynamoDBClient(localClientConfig('dynamodb')),
        tableName: resources.dekTableName,
        createResources: true,
      })
    : undefined;
  const service = await createRegistryService({
    glue: new GlueClient(localClientConfig('glue')),
    dynamodb: new DynamoDBClient(localClientConfig('dynamodb')),
    glueRegistryName: resources.glueRegistryName,
    tableName: resources.tableName,
    createResources: true,
  });
  const app = await buildServer({
    service,
    ...(dekRegistry ? { dekRegistry } : {}),
    logger: false,
    ...(options.users ? { users: options.users } : {}),
    ...(options.principals ? { principals: options.principals } : {}),
    ...(options.audit ? { audit: options.audit } : {}),
    ...(options.anonymousRole ? { anonymousRole: options.anonymousRole } : {}),
  });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  return { url: address, app, close: () => app.close() };
}

const json = 'application/vnd.schemaregistry.v1+json';

export interface Answer {
  readonly status: number;
  // biome-ignore lint/suspicious/noExplicitAny: assertions read arbitrary JSON answers
  readonly body: any;
}

/** One call to a Confluent-API server; body is parsed JSON (or text when not JSON). */
export async function call(base: string, method: string, path: string, body?: unknown): Promise<Answer> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { 'content-type': json, accept: json },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, body: parsed };
}

/** A registry a behaviour suite runs against, and the cases it is known to answer otherwise. */
export interface RegistryTarget<Quirk extends string> {
  readonly name: string;
  url: string;
  readonly quirks: ReadonlySet<Quirk>;
}

/**
 * The two registries a behaviour suite compares: this service, started in process for the test
 * file (its URL is set before the tests run), and Apicurio with the differences recorded for it.
 */
export function eventlineAndApicurio<Quirk extends string>(
  apicurioDiffers: Readonly<Record<Quirk, string>>,
): readonly [RegistryTarget<Quirk>, RegistryTarget<Quirk>] {
  const eventline: RegistryTarget<Quirk> = { name: 'eventline registry service', url: '', quirks: new Set() };
  const apicurio: RegistryTarget<Quirk> = {
    name: 'Apicurio 3.0.9 ccompat',
    url: localEndpoints.apicurioUrl,
    quirks: new Set(Object.keys(apicurioDiffers) as Quirk[]),
  };
  const own = registryPerFile();
  beforeAll(() => {
    eventline.url = own.url;
  });
  return [eventline, apicurio];
}

/**
 * A registry service of the test file's own, on its own tables: started before the file's tests
 * (`url` is set then), stopped and its resources dropped after them.
 */
export function registryPerFile(): { readonly url: string } {
  const resources = testResources();
  const registry = { url: '' };
  let server: RunningRegistry | undefined;
  beforeAll(async () => {
    server = await startRegistry(resources);
    registry.url = server.url;
  });
  afterAll(async () => {
    await server?.close();
    await resources.drop();
  });
  return registry;
}

/** The environment local/stack/registry-service.ts gives the service process, on a port and table of the test's own. */
export function registryProcessEnv(
  port: number,
  resources: Pick<RegistryResources, 'glueRegistryName' | 'tableName' | 'dekTableName'>,
): NodeJS.ProcessEnv {
  return {
    ...process.env,
    ...stackEnv(),
    [EnvNames.registryHost]: '127.0.0.1',
    [EnvNames.registryPort]: String(port),
    [EnvNames.glueRegistryName]: resources.glueRegistryName,
    [EnvNames.registryTableName]: resources.tableName,
    [EnvNames.dekTableName]: resources.dekTableName,
    [EnvNames.registryCreateResources]: 'true',
  };
}
