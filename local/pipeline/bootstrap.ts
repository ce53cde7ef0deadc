import { EnvNames } from '../../functions/lib/config/env-names.js';
import type { Manifest } from '../../functions/lib/manifest/index.js';
import {
  bootstrapResources,
  type LocalAssembly,
  type LocalResources,
  localGlueRegistry,
  planResources,
  type RegistryChoice,
  type ResourcePlan,
  registryEnv,
} from '../assembly/index.js';
import type { PipelineClients } from './clients.js';
import { registerManifestSchemas } from './register-schemas.js';

export interface BootstrappedAssembly {
  readonly plan: ResourcePlan;
  readonly resources: LocalResources;
  /** Tables, queues and topics this call created (`table <name>`, ...). */
  readonly created: readonly string[];
  /** Those that existed already. */
  readonly existing: readonly string[];
  readonly subjects: readonly string[];
}

/**
 * What the functions of the assembly need before they run, created from the template under the
 * prefix (tables, queues, topics), and every manifest schema registered in the chosen registry.
 * Idempotent: `eventline bootstrap`, `npm start` and `eventline invoke` all call it.
 */
export async function bootstrapAssembly(
  assembly: LocalAssembly,
  options: { readonly prefix: string; readonly registry: RegistryChoice },
  clients: PipelineClients,
  manifest: Manifest,
): Promise<BootstrappedAssembly> {
  const plan = planResources(assembly.template, options.prefix);
  const { resources, created, existing } = await bootstrapResources(plan, clients);
  const subjects = await registerManifestSchemas(
    manifest,
    options.registry === 'glue'
      ? { kind: 'glue', glue: clients.glue, registryName: localGlueRegistry }
      : { kind: 'confluent', url: registryEnv(options.registry)[EnvNames.registryUrl] as string },
  );
  return { plan, resources, created, existing, subjects };
}
