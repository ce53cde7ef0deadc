import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SchemaRegistryClient } from '../../../functions/lib/registry/types.js';
import { fixedSchemaClient } from '../../../functions/lib/serde/index.js';
import type { Sample } from './samples.js';

export const interopDir = join(import.meta.dirname, '..', '..', 'fixtures', 'serde', 'interop');

export function readJson<T>(...path: string[]): T {
  return JSON.parse(readFileSync(join(interopDir, ...path), 'utf8')) as T;
}

export function fixture(...path: string[]): Buffer {
  return readFileSync(join(interopDir, ...path));
}

export function hasFixtures(...path: string[]): boolean {
  return existsSync(join(interopDir, ...path));
}

/** A registry double that answers the ids another implementation registered with our schema text. */
export function registryOf(schemas: ReadonlyMap<number | string, Sample>, kind: 'confluent' | 'glue') {
  const client: SchemaRegistryClient = {
    ...fixedSchemaClient({ type: 'AVRO', definition: '"null"' }),
    kind,
    getById: async (id) => {
      const sample = schemas.get(typeof id === 'string' ? id.toLowerCase() : id);
      if (!sample) throw new Error(`fixture registry has no schema ${id}`);
      return { id, ...sample.schema };
    },
  };
  return client;
}
