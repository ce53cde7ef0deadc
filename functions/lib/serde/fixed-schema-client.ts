import type {
  CompatibilityResult,
  RegisteredSchema,
  SchemaInput,
  SchemaRegistryClient,
} from '../registry/types.js';
import type { CompatibilityLevel } from '../schema/index.js';
import { SerdeConfigError } from './errors.js';

/**
 * A registry stand-in that answers every schema id with one schema, for decoding offline
 * (the CLI's `decode --schema FILE`): the id in the bytes is reported, the given schema used.
 */
export function fixedSchemaClient(schema: SchemaInput): SchemaRegistryClient {
  const unsupported = (what: string) => () =>
    Promise.reject(new SerdeConfigError(`${what} needs a schema registry; this decode runs offline`));
  return {
    kind: 'confluent',
    getById: (id: number | string): Promise<RegisteredSchema> =>
      Promise.resolve({ id, type: schema.type, definition: schema.definition }),
    register: unsupported('register'),
    lookup: unsupported('lookup'),
    getLatest: unsupported('getLatest'),
    listSubjects: unsupported('listSubjects') as () => Promise<string[]>,
    checkCompatibility: unsupported('checkCompatibility') as () => Promise<CompatibilityResult>,
    getCompatibility: unsupported('getCompatibility') as () => Promise<CompatibilityLevel>,
    setCompatibility: unsupported('setCompatibility') as () => Promise<void>,
  };
}
