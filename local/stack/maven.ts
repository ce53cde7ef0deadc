import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hashFiles } from './cache.js';
import { cacheDir, projectRoot } from './paths.js';
import { requireTool, runSetup } from './tools.js';

const mavenDir = join(projectRoot, 'local', 'stack', 'maven');

function pomFiles(): string[] {
  const modules = readdirSync(mavenDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => join(mavenDir, entry.name, 'pom.xml'));
  return [join(mavenDir, 'pom.xml'), ...modules.sort()];
}

export type Classpaths = Readonly<Record<string, readonly string[]>>;

let resolving: Promise<Classpaths> | undefined;

/**
 * Classpaths of every Java part of the stack (one per module under local/stack/maven).
 * Maven resolves them once into ~/.m2; the result is cached by the poms' hash, so a fresh
 * clone on the same machine does not start Maven at all.
 */
export function resolveClasspaths(): Promise<Classpaths> {
  resolving ??= resolve();
  return resolving;
}

async function resolve(): Promise<Classpaths> {
  const poms = pomFiles();
  const dir = join(cacheDir, 'classpath', hashFiles(poms));
  const cached = readClasspaths(dir, poms);
  if (cached) return cached;
  await requireTool('mvn');
  mkdirSync(dir, { recursive: true });
  await runSetup(
    'mvn',
    ['-q', '-B', '-f', join(mavenDir, 'pom.xml'), 'dependency:build-classpath', `-Deventline.cpdir=${dir}`],
    'Resolving the Java parts of the local stack from Maven Central',
  );
  const resolved = readClasspaths(dir, poms);
  if (!resolved) throw new Error(`Maven wrote no classpath files to ${dir}`);
  return resolved;
}

function readClasspaths(dir: string, poms: readonly string[]): Classpaths | undefined {
  const result: Record<string, string[]> = {};
  for (const pom of poms.slice(1)) {
    const module = pom.split('/').at(-2) as string;
    const file = join(dir, `${module}.txt`);
    if (!existsSync(file)) return undefined;
    const entries = readFileSync(file, 'utf8').trim().split(':');
    if (!entries.every((entry) => existsSync(entry))) return undefined;
    result[module] = entries;
  }
  return result;
}
