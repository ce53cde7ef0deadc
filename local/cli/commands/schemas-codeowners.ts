import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { Command } from 'commander';
import { defaultSchemasDir } from '../../../functions/lib/manifest/index.js';
import { codeownersFor } from '../../governance/codeowners.js';
import { CliError } from '../run.js';
import { readManifest } from './schemas-manifest.js';

interface CodeownersFlags {
  readonly schemas: string;
  readonly out: string;
  readonly root?: string;
  readonly check?: boolean;
}

/** `eventline schemas codeowners`: writes (or, with --check, verifies) CODEOWNERS from the manifest. */
export function codeownersCommand(): Command {
  return new Command('codeowners')
    .description(
      "write CODEOWNERS from the manifest: each schema's topic owner, plus the privacy team for schemas with PII-tagged fields",
    )
    .option('--schemas <dir>', 'folder holding manifest.json and the schema files', defaultSchemasDir)
    .option('--out <file>', 'the CODEOWNERS file', '.github/CODEOWNERS')
    .option('--root <dir>', 'repository root the paths are written from (default: the current directory)')
    .option('--check', 'write nothing; exit 1 when the file differs from what the manifest gives (for CI)')
    .action((flags: CodeownersFlags) => {
      const root = resolve(flags.root ?? process.cwd());
      const schemasPath = relative(root, resolve(flags.schemas)).split(sep).join('/');
      if (schemasPath.startsWith('..')) {
        throw new CliError(`--schemas ${flags.schemas} is outside the repository root ${root} (see --root)`);
      }
      const wanted = codeownersFor(readManifest(flags.schemas), { schemasPath });
      const out = resolve(root, flags.out);
      if (flags.check) {
        const current = existsSync(out) ? readFileSync(out, 'utf8') : undefined;
        if (current === wanted) {
          process.stdout.write(`${flags.out} is up to date\n`);
          return;
        }
        throw new CliError(
          `${flags.out} is ${current === undefined ? 'missing' : 'stale'}: run \`npm run eventline -- schemas codeowners\` and commit it`,
        );
      }
      mkdirSync(dirname(out), { recursive: true });
      writeFileSync(out, wanted);
      process.stdout.write(`wrote ${flags.out}\n`);
    });
}
