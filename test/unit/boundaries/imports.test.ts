import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../../local/stack/paths.js';

interface Import {
  /** Repository path of a relative import (`.ts`), or the package name of a bare one. */
  readonly target: string;
  readonly relative: boolean;
  /** Erased at compile time (`import type`, or every named specifier marked `type`). */
  readonly typeOnly: boolean;
}

/** Every TypeScript file under a repository folder, as repository paths. */
function sources(dir: string): string[] {
  return readdirSync(join(projectRoot, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => relative(projectRoot, join(entry.parentPath, entry.name)));
}

const statement = /(?:^|\n)\s*(?:import|export)\s+(type\s+)?([^'";]*?)\s*from\s*['"]([^'"]+)['"]/g;
const bare = /(?:^|\n)\s*import\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)/g;

/** What a file imports, re-exports or loads dynamically. */
function importsOf(file: string): Import[] {
  const text = readFileSync(join(projectRoot, file), 'utf8');
  const found: { specifier: string; typeOnly: boolean }[] = [];
  for (const match of text.matchAll(statement)) {
    const names = /^\{([^}]*)\}$/
      .exec((match[2] ?? '').trim())?.[1]
      ?.split(',')
      .map((name) => name.trim())
      .filter(Boolean);
    const typeOnly = match[1] !== undefined || names?.every((name) => name.startsWith('type ')) === true;
    found.push({ specifier: match[3] as string, typeOnly });
  }
  for (const match of text.matchAll(bare)) {
    found.push({ specifier: (match[1] ?? match[2]) as string, typeOnly: false });
  }
  return found.map(({ specifier, typeOnly }) =>
    specifier.startsWith('.')
      ? {
          target: relative(projectRoot, resolve(dirname(join(projectRoot, file)), specifier)).replace(
            /\.js$/,
            '.ts',
          ),
          relative: true,
          typeOnly,
        }
      : { target: specifier, relative: false, typeOnly },
  );
}

/** `file -> target` for every relative import of the files under `dir` that breaks the rule. */
function violations(dir: string, breaks: (target: string) => boolean): string[] {
  return sources(dir).flatMap((file) =>
    importsOf(file)
      .filter((entry) => entry.relative && breaks(entry.target))
      .map((entry) => `${file} -> ${entry.target}`),
  );
}

/** The packages a module loads at run time, following its relative imports (type-only ones are erased). */
function runtimePackages(file: string, seen = new Set<string>()): Set<string> {
  const packages = new Set<string>();
  if (seen.has(file)) return packages;
  seen.add(file);
  for (const entry of importsOf(file)) {
    if (entry.typeOnly) continue;
    if (!entry.relative) packages.add(entry.target);
    else for (const name of runtimePackages(entry.target, seen)) packages.add(name);
  }
  return packages;
}

/**
 * What infra/ may import from functions/: the names both sides must agree on (environment
 * variables, table keys and definitions, the topics provisioner's custom-resource contract),
 * the schema manifest, which the CDK app reads, and the project's base error (docs/architecture.md §5).
 * None may load an AWS SDK or Kafka client at synth.
 */
const infraMayImport = [
  'functions/fulfilment/table.ts',
  'functions/lib/config/env-names.ts',
  'functions/lib/dlq/headers.ts',
  'functions/lib/errors/index.ts',
  'functions/lib/idempotency/table.ts',
  'functions/lib/manifest/index.ts',
  'functions/lib/outbox/attributes.ts',
  'functions/lib/outbox/table.ts',
  'functions/order-projection/table.ts',
  'functions/topics-provisioner/properties.ts',
  'functions/topics-provisioner/types.ts',
];

/**
 * What registry/ (the registry service) may import from functions/lib: entry points only —
 * the serde, the schema vocabulary, the compatibility checks, the registry clients (whose Glue
 * adapter the service's store shares), the environment variable names and the project's base error.
 */
const registryMayImport = [
  'functions/lib/compat/index.ts',
  'functions/lib/config/env-names.ts',
  'functions/lib/errors/index.ts',
  'functions/lib/registry/index.ts',
  'functions/lib/schema/index.ts',
  'functions/lib/serde/index.ts',
];

/**
 * Imports from outside a functions/lib module that reach past its entry point (`index.ts`);
 * `ownTests` is the folder of the module's unit tests, which may test its internals.
 */
function entryPointBypasses(
  module: string,
  ownTests: string,
  subEntryPoints: readonly string[] = [],
): string[] {
  const inside = `functions/lib/${module}/`;
  const entryPoints = new Set([
    `${inside}index.ts`,
    ...subEntryPoints.map((sub) => `${inside}${sub}/index.ts`),
  ]);
  return ['functions', 'registry', 'local', 'infra', 'bench', 'test']
    .flatMap((dir) => violations(dir, (target) => target.startsWith(inside) && !entryPoints.has(target)))
    .filter((violation) => !violation.startsWith(inside) && !violation.startsWith(ownTests));
}

const sdkOrClient = /^(@aws-sdk\/|@smithy\/|kafkajs$|@confluentinc\/)/;

describe('Import boundaries', () => {
  it('keeps functions/lib off infra/, local/, bench/ and test/', () => {
    const broken = violations('functions/lib', (target) => /^(infra|local|bench|test)\//.test(target));

    expect(sources('functions/lib').length).toBeGreaterThan(0);
    expect(broken).toEqual([]);
  });

  it('keeps the registry clients off the serde and the schema vocabulary off everything (no cycles)', () => {
    const registryIntoSerde = violations('functions/lib/registry', (target) =>
      target.startsWith('functions/lib/serde/'),
    );
    const vocabularyOut = violations(
      'functions/lib/schema',
      (target) => !target.startsWith('functions/lib/schema/'),
    );

    expect(registryIntoSerde).toEqual([]);
    expect(vocabularyOut).toEqual([]);
  });

  it('keeps bench/ off test/: benchmarks have their own support code', () => {
    const broken = violations('bench', (target) => target.startsWith('test/'));

    expect(sources('bench').length).toBeGreaterThan(0);
    expect(broken).toEqual([]);
  });

  it('lets infra/ import from functions/ only the listed constant and definition modules', () => {
    const broken = violations(
      'infra',
      (target) => target.startsWith('functions/') && !infraMayImport.includes(target),
    );

    expect(broken).toEqual([]);
  });

  it('loads no AWS SDK or Kafka client at synth through what infra/ imports', () => {
    const loaded = infraMayImport.flatMap((file) =>
      [...runtimePackages(file)]
        .filter((name) => sdkOrClient.test(name))
        .map((name) => `${file} loads ${name}`),
    );

    expect(loaded).toEqual([]);
  });

  it('reaches the serde only through its entry point from outside it (its own unit tests aside)', () => {
    // Field encryption has its own entry point: it brings the KMS client, which a serde user that
    // does not encrypt should not load.
    expect(entryPointBypasses('serde', 'test/unit/serde/', ['encryption'])).toEqual([]);
  });

  it('lets registry/ import from functions/lib only the serde, schema, compat and registry-client entry points', () => {
    const broken = violations(
      'registry',
      (target) => target.startsWith('functions/') && !registryMayImport.includes(target),
    );

    expect(broken).toEqual([]);
  });
});
