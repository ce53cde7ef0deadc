import { DeleteRegistryCommand, GlueClient } from '@aws-sdk/client-glue';
import { localClientConfig, localEndpoints } from './local-aws.js';

/** The `eventline schemas` flags that pick a registry, given the Glue registry name a test owns. */
export type SchemasCliRegistryFlags = (glueRegistryName: string) => readonly string[];

/**
 * The registries the schemas CLI tests run against, by name, as the flags that pick each one; `drop`
 * deletes the Glue registries the Glue flags were asked for, so a test file calls it once in `afterAll`.
 */
export function schemasCliRegistries(): {
  readonly registries: Readonly<Record<'Apicurio' | 'Glue (moto)', SchemasCliRegistryFlags>>;
  readonly drop: () => Promise<void>;
} {
  const glueRegistries: string[] = [];
  return {
    registries: {
      Apicurio: () => ['--registry', localEndpoints.apicurioUrl],
      'Glue (moto)': (glueRegistryName) => {
        glueRegistries.push(glueRegistryName);
        return ['--glue-registry'];
      },
    },
    async drop() {
      const glue = new GlueClient(localClientConfig('glue'));
      for (const name of glueRegistries) {
        // A registry a failed test never created is not there to delete; the rest still go.
        await glue
          .send(new DeleteRegistryCommand({ RegistryId: { RegistryName: name } }))
          .catch(() => undefined);
      }
    },
  };
}
