import { EnvNames } from '../../functions/lib/config/env-names.js';
import { HOST, ports } from '../stack/config.js';
import { stackEnv } from '../stack/env.js';

/** Which schema registry the local functions talk to. */
export const RegistryChoices = {
  /** Eventline's own registry service (Confluent API over Glue), when it runs on its port. */
  service: 'service',
  /** Apicurio's Confluent-compatible API from the local stack. */
  apicurio: 'apicurio',
  /** AWS Glue Schema Registry directly (moto locally). */
  glue: 'glue',
} as const;
export type RegistryChoice = (typeof RegistryChoices)[keyof typeof RegistryChoices];

/** The Glue registry name the local stack's registry service and Glue-direct functions use. */
export const localGlueRegistry = 'eventline';

/**
 * The variables that say which registry a function talks to. Locally they come from the
 * `--registry` choice, not the template: the deployed values (the load balancer's URL, the
 * basic-auth secret, the deployment's Glue registry) have no local counterpart, and the local
 * registries take no credentials.
 */
export const registryOwnedVariables: readonly string[] = [
  EnvNames.registryKind,
  EnvNames.registryUrl,
  EnvNames.registryCredentialsSecretArn,
  EnvNames.glueRegistryName,
  EnvNames.dekRegistryUrl,
];

/**
 * Apicurio and Glue keep no DEKs: field-level encryption's keys are in the local registry
 * service's DEK registry whichever registry holds the schemas.
 */
const localDekRegistry = () => ({ [EnvNames.dekRegistryUrl]: `http://${HOST}:${ports.registry}` });

export function registryEnv(registry: RegistryChoice): Record<string, string> {
  switch (registry) {
    case 'glue':
      return {
        [EnvNames.registryKind]: 'glue',
        [EnvNames.glueRegistryName]: localGlueRegistry,
        ...localDekRegistry(),
      };
    case 'service':
      return {
        [EnvNames.registryKind]: 'confluent',
        [EnvNames.registryUrl]: `http://${HOST}:${ports.registry}`,
      };
    case 'apicurio':
      return {
        [EnvNames.registryKind]: 'confluent',
        [EnvNames.registryUrl]: stackEnv()[EnvNames.apicurioUrl] as string,
        ...localDekRegistry(),
      };
  }
}
