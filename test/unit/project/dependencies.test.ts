import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// Which package a module specifier names: `@scope/name/sub` → `@scope/name`, `name/sub` → `name`.
function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return parts.slice(0, specifier.startsWith('@') ? 2 : 1).join('/');
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(ts|js|mjs)$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name));
}

const importPattern = /(?:from\s+|import\s*\(\s*|import\s+)'([^'.][^']*)'/g;

function packagesImportedBy(dirs: string[]): Set<string> {
  const imported = new Set<string>();
  for (const file of dirs.flatMap(sourceFiles)) {
    for (const [, specifier = ''] of readFileSync(file, 'utf8').matchAll(importPattern)) {
      if (!specifier.startsWith('node:')) imported.add(packageOf(specifier));
    }
  }
  return imported;
}

const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as {
  packages: Record<string, { version: string }>;
};

// The code that ships or that a user runs: Lambda bundles, the registry image, the CDK app, the CLI.
const shippedDirs = ['functions', 'registry', 'infra', 'local'];

describe('dependencies', () => {
  it('lists as runtime dependencies only packages the shipped code imports', () => {
    const imported = packagesImportedBy(shippedDirs);
    const unused = Object.keys(manifest.dependencies).filter((name) => !imported.has(name));
    expect(unused).toEqual([]);
  });

  it('lists every package the shipped code imports as a runtime dependency', () => {
    const imported = packagesImportedBy(shippedDirs);
    // CDK, its checks and the bundler run at synth on the developer's machine, never inside a bundle.
    const synthOnly = new Set(['aws-cdk-lib', 'constructs', 'cdk-nag', 'esbuild']);
    const missing = [...imported].filter(
      (name) => !(name in manifest.dependencies) && !synthOnly.has(name) && name !== 'aws-lambda',
    );
    expect(missing).toEqual([]);
  });

  it('holds one version of each AWS SDK package, so every bundle carries one copy', () => {
    const versions = new Map<string, Set<string>>();
    for (const [path, entry] of Object.entries(lock.packages)) {
      const name = path.match(/node_modules\/(@aws-sdk\/[^/]+)$/)?.[1];
      if (name) versions.set(name, (versions.get(name) ?? new Set()).add(entry.version));
    }
    const split = [...versions]
      .filter(([, set]) => set.size > 1)
      .map(([name, set]) => `${name}: ${[...set].join(', ')}`);
    expect(versions.size).toBeGreaterThan(0);
    expect(split).toEqual([]);
  });
});
