import { createRegistryClient } from '../../functions/lib/registry/index.js';
import type { SchemaRegistryClient } from '../../functions/lib/registry/types.js';

/**
 * The project's cached Confluent REST client on the given registry, as producers and consumers
 * build it. A warm batch should never reach it; B8 counts that it does not.
 */
export function confluentClient(url: string): {
  readonly client: SchemaRegistryClient;
  readonly label: string;
} {
  return {
    client: createRegistryClient({ kind: 'confluent', url }),
    label: 'createRegistryClient (Confluent REST, cached)',
  };
}
