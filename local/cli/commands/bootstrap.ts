import { Command } from 'commander';
import { loadManifest } from '../../../functions/lib/manifest/index.js';
import { displayPath, loadAssembly } from '../../assembly/index.js';
import { bootstrapAssembly } from '../../pipeline/bootstrap.js';
import { openClients } from '../../pipeline/clients.js';
import { defaultPipelineOptions } from '../../pipeline/options.js';
import { ResourceScope } from '../../pipeline/scope.js';
import { localPipelineRegistry, type RegistryFlags, withRegistryFlags } from '../registry-flags.js';

interface BootstrapFlags extends RegistryFlags {
  readonly prefix: string;
  readonly json?: boolean;
}

/**
 * `eventline bootstrap`: what the local run needs, from the synthesized template, with the same
 * code `npm start` and `invoke` run first; says what it created and what was there already.
 */
export function bootstrapCommand(): Command {
  return withRegistryFlags(new Command('bootstrap'), {
    when: "default: apicurio; the local functions run against the local stack's registries only",
    glueEndpoint: false,
  })
    .description(
      "create what the local environment needs from the synthesized CDK app: its tables and queues under --prefix, its topics, and the manifest's schemas in the registry; idempotent (existing resources are kept as they are)",
    )
    .option(
      '--prefix <prefix>',
      "local name prefix of the template's tables and queues, as `npm start` and `invoke` use it",
      defaultPipelineOptions.prefix,
    )
    .option('--json', 'print one JSON object: created, existing, subjects')
    .action(async (flags: BootstrapFlags) => {
      const registry = localPipelineRegistry(flags);
      const scope = new ResourceScope();
      try {
        const assembly = await loadAssembly({ log: (line) => process.stderr.write(`${line}\n`) });
        const clients = await openClients(scope);
        const boot = await bootstrapAssembly(
          assembly,
          { prefix: flags.prefix, registry },
          clients,
          loadManifest(),
        );
        if (flags.json) {
          const { created, existing, subjects } = boot;
          process.stdout.write(`${JSON.stringify({ prefix: flags.prefix, created, existing, subjects })}\n`);
          return;
        }
        process.stderr.write(`template: ${displayPath(assembly.synthesis.templateFile)}\n`);
        for (const name of boot.created) process.stdout.write(`created  ${name}\n`);
        for (const name of boot.existing) process.stdout.write(`exists   ${name}\n`);
        process.stdout.write(
          `schemas  ${boot.subjects.length} subjects registered in ${registry} (an unchanged schema keeps its version)\n`,
        );
        process.stdout.write(
          `bootstrap: ${boot.created.length} created, ${boot.existing.length} existed (prefix ${flags.prefix})\n`,
        );
      } finally {
        await scope.close();
      }
    });
}
