import { EnvNames } from '../../functions/lib/config/env-names.js';
import type { Manifest } from '../../functions/lib/manifest/index.js';
import type { KmsKeyIds } from '../../functions/lib/serde/encryption/index.js';
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
import { localKekKeyIds } from './kek-keys.js';
import { registerManifestSchemas } from './register-schemas.js';

export interface BootstrappedAssembly {
  readonly plan: ResourcePlan;
  readonly resources: LocalResources;
  /** Tables, queues and topics this call created (`table <name>`, ...). */
  readonly created: readonly string[];
  /** Those that existed already. */
  readonly existing: readonly string[];
  readonly subjects: readonly string[];
  /** The local KMS key ARN of each manifest KEK (what the demo encrypts with). */
  readonly kmsKeyIds: KmsKeyIds;
}

/**
 * What the functions of the assembly need before they run, created from the template under the
 * prefix (tables, queues, topics, the KEKs as KMS keys in moto), and every manifest schema
 * registered in the chosen registry (with its ENCRYPT rule in the registry service).
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
  const kmsKeyIds = localKekKeyIds(manifest, plan, resources);
  const url = registryEnv(options.registry)[EnvNames.registryUrl] as string;
  const subjects = await registerManifestSchemas(
    manifest,
    options.registry === 'glue'
      ? { kind: 'glue', glue: clients.glue, registryName: localGlueRegistry }
      : // Only the registry service keeps rule sets; consumers of the others take the manifest's.
        { kind: 'confluent', url, ...(options.registry === 'service' ? { kmsKeyIds } : {}) },
  );
  return { plan, resources, created, existing, subjects, kmsKeyIds };
}
