import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { LocalSynthesis } from '../../../local/assembly/synth.js';
import { projectRoot } from '../../../local/stack/paths.js';
import { addConsumer, copyApp } from '../../support/app-copy.js';
import { FaultsHarnessError } from './errors.js';

/**
 * The copies' cdk.out: one folder for every copy, so the synthesis is cached between runs by
 * its inputs (synthLocal's folders are written aside and renamed, safe for parallel files).
 */
const assemblies = join(projectRoot, '.eventline', 'faults-cdk.out');
/** The ledger consumer's own sources: bundled into its function, outside the synthesis inputs. */
const ledgerSources = [
  'test/faults/ledger-function',
  'test/faults/harness/ledger.ts',
  'test/faults/harness/config.ts',
];

/** The synthesized copy of the app the suite runs: its template and staged assets. */
export interface FaultsApp {
  /** The cloud assembly folder under the copy's cdk.out. */
  readonly directory: string;
  readonly templateFile: string;
}

let prepared: Promise<FaultsApp> | undefined;

/**
 * This checkout's CDK app plus the suite's ledger consumer, added as the README adds a consumer
 * (one KafkaConsumer, one handler), synthesized for `dev` by the copy's own local synthesis.
 * The relay the suite runs is the app's own bundle; only the ledger consumer is the suite's.
 * Synthesized once per process and cached on disk by its inputs, as `npm start` caches.
 */
export function faultsApp(): Promise<FaultsApp> {
  prepared ??= prepare();
  return prepared;
}

async function prepare(): Promise<FaultsApp> {
  mkdirSync(assemblies, { recursive: true });
  // A copy per process: test files run in parallel, and each may be the first to synthesize.
  const appDir = mkdtempSync(join(tmpdir(), 'eventline-faults-app-'));
  try {
    copyApp(appDir, ledgerSources);
    symlinkSync(assemblies, join(appDir, 'cdk.out'), 'dir');
    addConsumer(appDir, ledgerConsumer());
    const synthesis = await synthesizeCopy(appDir);
    // The copy named its folder through its cdk.out link; the folder outlives the copy.
    const directory = join(assemblies, basename(synthesis.directory));
    return { directory, templateFile: join(directory, basename(synthesis.templateFile)) };
  } finally {
    // The staged bundles are self-contained (dependencies bundled in): the copy has served.
    rmSync(appDir, { recursive: true, force: true });
  }
}

/**
 * The construct instance. Its description carries a digest of the ledger sources: they live
 * outside the folders the synthesis cache is keyed by, and a change to them must re-bundle.
 */
function ledgerConsumer(): string {
  return `    new KafkaConsumer(scope, 'FaultsLedger', {
      ...defaults,
      entry: 'test/faults/ledger-function/handler.ts',
      description: 'Fault suite ledger consumer (sources ${digest(ledgerSources)})',
      topics: [manifest.topic('orders.order.paid').name],
      consumerGroup: 'faults-ledger',
    }),
`;
}

function digest(entries: readonly string[]): string {
  const hash = createHash('sha256');
  const visit = (path: string): void => {
    if (statSync(path).isDirectory()) {
      for (const entry of readdirSync(path).sort()) visit(join(path, entry));
      return;
    }
    hash.update(`${path}\0`);
    hash.update(readFileSync(path));
  };
  for (const entry of entries) visit(join(projectRoot, entry));
  return hash.digest('hex').slice(0, 16);
}

/** Runs the copy's own synthLocal in a child process: the copy's infra, not this checkout's, is imported. */
async function synthesizeCopy(appDir: string): Promise<LocalSynthesis> {
  const code = `const { synthLocal } = await import('./local/assembly/synth.ts');
const synthesis = await synthLocal();
process.stdout.write('\\n' + JSON.stringify(synthesis) + '\\n');`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
    cwd: appDir,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exitCode = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  const last = stdout.trim().split('\n').at(-1) ?? '';
  if (exitCode !== 0 || !last.startsWith('{')) {
    throw new FaultsHarnessError(
      `synthesis of the suite's app copy in ${appDir} failed (exit ${exitCode}):\n${stderr.slice(-3000)}`,
    );
  }
  return JSON.parse(last) as LocalSynthesis;
}
