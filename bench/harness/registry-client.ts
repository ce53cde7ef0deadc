import type { SchemaType } from '../../functions/lib/manifest/index.js';
import type { SchemaInput, SchemaRegistryClient } from '../../functions/lib/registry/types.js';
import type { RegisteredSchema } from '../../functions/lib/serde/types.js';
import { importProjectModule, missingModule } from './context.js';

const registryModulePath = 'functions/lib/registry/index.ts';

type ClientFactory = (options: { readonly url: string }) => SchemaRegistryClient;

/**
 * A Confluent REST client for the serde benchmarks: the project's own when it exists, else a
 * minimal fetch stand-in (getById and lookup only). A warm batch never reaches either, so the
 * codec figures do not depend on which one it is; the row notes say which was used.
 */
export async function confluentClient(url: string): Promise<{ client: SchemaRegistryClient; label: string }> {
  if (!missingModule([registryModulePath])) {
    const module = await importProjectModule<Record<string, unknown>>(registryModulePath);
    const factory = module.createConfluentRegistryClient ?? module.confluentRegistryClient;
    if (typeof factory === 'function') {
      return {
        client: (factory as ClientFactory)({ url }),
        label: 'functions/lib/registry Confluent client',
      };
    }
  }
  return { client: fetchStandIn(url), label: 'bench fetch stand-in client (functions/lib/registry missing)' };
}

function fetchStandIn(url: string): SchemaRegistryClient {
  const call = async <T>(path: string, init?: RequestInit): Promise<T> => {
    const response = await fetch(`${url}${path}`, {
      ...init,
      headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' },
    });
    if (!response.ok) throw new Error(`${init?.method ?? 'GET'} ${url}${path}: ${response.status}`);
    return (await response.json()) as T;
  };
  const unsupported = (what: string) => () => Promise.reject(new Error(`${what}: not in the bench stand-in`));
  return {
    kind: 'confluent',
    async getById(id: number | string): Promise<RegisteredSchema> {
      const body = await call<{ schema: string; schemaType?: SchemaType }>(`/schemas/ids/${id}`);
      return { id, type: body.schemaType ?? 'AVRO', definition: body.schema };
    },
    async lookup(subject: string, schema: SchemaInput): Promise<RegisteredSchema> {
      const body = await call<{ id: number; version: number }>(`/subjects/${encodeURIComponent(subject)}`, {
        method: 'POST',
        body: JSON.stringify({ schema: schema.definition, schemaType: schema.type }),
      });
      return {
        id: body.id,
        type: schema.type,
        definition: schema.definition,
        subject,
        version: body.version,
      };
    },
    register: unsupported('register'),
    getLatest: unsupported('getLatest'),
    listSubjects: unsupported('listSubjects'),
    checkCompatibility: unsupported('checkCompatibility'),
    getCompatibility: unsupported('getCompatibility'),
    setCompatibility: unsupported('setCompatibility'),
  };
}
