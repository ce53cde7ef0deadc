import { CachedRegistryClient } from './cached-client.js';
import { ConfluentRegistryClient } from './confluent-client.js';
import { GlueRegistryClient } from './glue-client.js';
import type { RegistryClientSettings, RegistryOptions } from './options.js';
import type { SchemaRegistryClient } from './types.js';

/** One client per distinct configuration per process, so every serde in a Lambda container shares its caches. */
const clients = new Map<string, SchemaRegistryClient>();

/**
 * The cached registry client for these options: Confluent REST or AWS Glue.
 *
 * @example
 * const client = createRegistryClient({ kind: 'glue', registryName: 'eventline' });
 * const serde = createSerde({ registry, client });
 */
export function createRegistryClient(
  options: RegistryOptions,
  settings: RegistryClientSettings = {},
): SchemaRegistryClient {
  const key = JSON.stringify([options, settings]);
  const known = clients.get(key);
  if (known) return known;
  const inner =
    options.kind === 'confluent'
      ? new ConfluentRegistryClient({
          url: options.url,
          ...(options.auth ? { auth: options.auth } : {}),
          ...(settings.tls ? { tls: settings.tls } : {}),
          ...(settings.retry ? { retry: settings.retry } : {}),
        })
      : new GlueRegistryClient({
          registryName: options.registryName,
          ...(options.endpoint ? { endpoint: options.endpoint } : {}),
          ...(options.region ? { region: options.region } : {}),
          ...(settings.credentials ? { credentials: settings.credentials } : {}),
          ...(settings.retry ? { retry: settings.retry } : {}),
          ...(settings.defaultCompatibility ? { defaultCompatibility: settings.defaultCompatibility } : {}),
          ...(settings.maxConcurrentCalls ? { maxConcurrentCalls: settings.maxConcurrentCalls } : {}),
          ...(settings.pendingWait ? { pendingWait: settings.pendingWait } : {}),
        });
  const client = new CachedRegistryClient(inner, settings.cache);
  clients.set(key, client);
  return client;
}
