import { createRegistryClient } from '../lib/registry/index.js';
import type { SchemaRegistryClient } from '../lib/registry/types.js';
import type { RegistryOptions } from '../lib/serde/types.js';

/** The (cached) registry client for the configured kind: the registry service (Confluent API) or Glue. */
export function registryClientFor(options: RegistryOptions): SchemaRegistryClient {
  const client = createRegistryClient(options);
  return options.kind === 'confluent' ? keepLookupType(client) : client;
}

/**
 * A lookup by definition answers for the schema we sent, so its type is the one we sent.
 * Apicurio 3.0.9 leaves `schemaType` out of that answer for JSON and Protobuf, which a
 * Confluent client reads as AVRO; the relay never lets that reach the codecs.
 */
export function keepLookupType(client: SchemaRegistryClient): SchemaRegistryClient {
  return new Proxy(client, {
    get(target, property) {
      if (property === 'lookup') {
        return async (subject: string, schema: Parameters<SchemaRegistryClient['lookup']>[1]) => ({
          ...(await target.lookup(subject, schema)),
          type: schema.type,
        });
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
