import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../../local/stack/paths.js';

/** Every TypeScript file under `dir`, recursively. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => join(entry.parentPath, entry.name));
}

/** The relative specifiers a file imports, re-exports or loads dynamically, as repository paths. */
function relativeImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:from\s+|import\s*\(\s*)['"](\.{1,2}\/[^'"]+)['"]/g)];
  return specifiers.map((match) => relative(projectRoot, resolve(dirname(file), match[1] as string)));
}

describe('Import boundaries', () => {
  it('keeps bench/ off test/: benchmarks have their own support code', () => {
    const files = sources(join(projectRoot, 'bench'));
    const intoTest = files.flatMap((file) =>
      relativeImports(file)
        .filter((target) => target.startsWith(`test/`))
        .map((target) => `${relative(projectRoot, file)} -> ${target}`),
    );

    expect(files.length).toBeGreaterThan(0);
    expect(intoTest).toEqual([]);
  });
});
