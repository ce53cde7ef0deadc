import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * Everything a synthesis reads from the repository: the CDK app, the handlers it bundles, the
 * schemas bundled beside them, the registry image context, the CDK context and the lock file
 * (which pins esbuild, aws-cdk-lib and every bundled dependency).
 */
export const synthInputs = [
  'infra',
  'functions',
  'schemas',
  'registry',
  'cdk.json',
  'package-lock.json',
] as const;

/** A digest of the synthesis inputs under `root` (paths and contents), plus `extra` strings such as the environment name. */
export function inputHash(root: string, extra: readonly string[] = []): string {
  const hash = createHash('sha256');
  for (const value of extra) hash.update(`${value}\0`);
  const visit = (path: string): void => {
    const stat = statSync(path, { throwIfNoEntry: false });
    if (!stat) return;
    if (stat.isDirectory()) {
      for (const entry of readdirSync(path).sort()) {
        if (entry !== 'node_modules' && !entry.startsWith('.')) visit(join(path, entry));
      }
      return;
    }
    hash.update(`${relative(root, path)}\0`);
    hash.update(readFileSync(path));
  };
  for (const input of synthInputs) visit(join(root, input));
  return hash.digest('hex');
}
