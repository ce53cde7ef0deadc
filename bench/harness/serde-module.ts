import type { SchemaRegistryClient } from '../../functions/lib/registry/types.js';
import type { Serde, SerdeOptions } from '../../functions/lib/serde/index.js';
import { importProjectModule, missingModule } from './context.js';

export type SerdeFactoryOptions = SerdeOptions & { readonly client: SchemaRegistryClient };

export const serdeModulePath = 'functions/lib/serde/index.ts';

/** The serde's entry point, or why it cannot be benchmarked yet. */
export async function loadCreateSerde(): Promise<
  { readonly createSerde: (options: SerdeFactoryOptions) => Serde } | { readonly unavailable: string }
> {
  const missing = missingModule([serdeModulePath]);
  if (missing) return { unavailable: missing };
  const module = await importProjectModule<{ createSerde?: (options: SerdeFactoryOptions) => Serde }>(
    serdeModulePath,
  );
  if (typeof module.createSerde !== 'function') {
    return { unavailable: `not available: ${serdeModulePath} does not export createSerde` };
  }
  return { createSerde: module.createSerde };
}
