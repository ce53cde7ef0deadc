import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { localAccount, localAws } from '../stack/config.js';
import { projectRoot } from '../stack/paths.js';
import { AssemblyError } from './errors.js';
import { inputHash } from './input-hash.js';

/** The account the local synthesis is made for: a dummy, so no credentials or lookups are needed. */

export interface LocalSynthOptions {
  /** The cdk.json environment to synthesize. @default 'dev' */
  readonly environment?: string;
  /** The project whose CDK app is synthesized. @default this checkout */
  readonly root?: string;
  /** Progress lines. @default none */
  readonly log?: (line: string) => void;
}

export interface LocalSynthesis {
  readonly stackName: string;
  /** The cloud assembly folder (under cdk.out) holding the template and the staged assets. */
  readonly directory: string;
  readonly templateFile: string;
  /** True when the inputs were unchanged and the previous assembly was reused. */
  readonly cached: boolean;
  readonly durationMs: number;
}

/** Written last into a finished assembly folder, so a half-written one is never reused. */
const completeMarker = 'eventline-synth-complete';

/**
 * Synthesizes the CDK app's stack for one environment offline (dummy account, the local region,
 * no cdk-nag) into `cdk.out/local-<env>-<input hash>`, with esbuild bundling as `cdk deploy` stages
 * it. The folder is keyed by a digest of every synthesis input, so an unchanged checkout reuses it
 * without loading aws-cdk-lib, and processes synthesizing the same inputs at once never share a
 * half-written folder.
 */
export async function synthLocal(options: LocalSynthOptions = {}): Promise<LocalSynthesis> {
  const started = performance.now();
  const environment = options.environment ?? 'dev';
  const root = options.root ?? projectRoot;
  const stackName = `Eventline-${environment}`;
  const outRoot = join(root, 'cdk.out');
  const hash = inputHash(root, [environment, readFileSync(new URL(import.meta.url), 'utf8')]).slice(0, 16);
  const directory = join(outRoot, `local-${environment}-${hash}`);
  const templateFile = join(directory, `${stackName}.template.json`);
  const result = (cached: boolean): LocalSynthesis => ({
    stackName,
    directory,
    templateFile,
    cached,
    durationMs: Math.round(performance.now() - started),
  });
  if (existsSync(join(directory, completeMarker))) return result(true);

  options.log?.(`synth: ${stackName} changed since the last synthesis; bundling its functions`);
  mkdirSync(outRoot, { recursive: true });
  const staging = `${directory}.tmp-${process.pid}-${Date.now()}`;
  try {
    await synthesize(root, environment, stackName, staging);
    writeFileSync(join(staging, completeMarker), `${hash}\n`);
    try {
      renameSync(staging, directory);
    } catch (error) {
      // Another process finished the same inputs first: its folder is as good as ours.
      if (!existsSync(join(directory, completeMarker))) throw error;
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  pruneOlder(outRoot, environment, directory);
  return result(false);
}

async function synthesize(root: string, environment: string, stackName: string, outdir: string) {
  // Loaded only on a cache miss: aws-cdk-lib takes seconds to import.
  const [{ App }, { loadEnvironments }, { EventlineStack }] = await Promise.all([
    import('aws-cdk-lib'),
    import('../../infra/config/index.js'),
    import('../../infra/stacks/eventline-stack.js'),
  ]);
  const cdkJson = JSON.parse(readFileSync(join(root, 'cdk.json'), 'utf8')) as {
    context?: Record<string, unknown>;
  };
  const app = new App({
    outdir,
    context: {
      ...cdkJson.context,
      // The local pipeline finds each function's staged bundle and each resource's path by these.
      'aws:cdk:enable-asset-metadata': true,
      'aws:cdk:enable-path-metadata': true,
    },
  });
  const config = loadEnvironments(app).find((c) => c.name === environment);
  if (!config) throw new AssemblyError(`cdk.json has no environment "${environment}"`);
  new EventlineStack(app, stackName, { config, env: { account: localAccount, region: localAws.region } });
  app.synth();
}

/** Keeps cdk.out from growing by one assembly per edit: older local assemblies of the environment go. */
function pruneOlder(outRoot: string, environment: string, keep: string): void {
  for (const entry of readdirSync(outRoot)) {
    const path = join(outRoot, entry);
    if (entry.startsWith(`local-${environment}-`) && path !== keep && !entry.includes('.tmp-')) {
      rmSync(path, { recursive: true, force: true });
    }
  }
}
