import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BuildFailure, buildSync } from 'esbuild';
import { RegistryImageError } from './errors.js';

/** The checkout whose registry service is bundled; source-map paths are written relative to it. */
const projectRoot = resolve(fileURLToPath(new URL('../..', import.meta.url)));

/** File names inside the build context; the Dockerfile copies exactly the bundle and its map. */
export const RegistryImageFiles = {
  dockerfile: 'Dockerfile',
  bundle: 'main.mjs',
  sourceMap: 'main.mjs.map',
} as const;

export interface RegistryImageContextOptions {
  /** Folder the context is written to; created, and emptied first. */
  readonly outdir: string;
  /** @default true */
  readonly minify?: boolean;
}

function describeFailure(error: unknown): string {
  const failure = error as Partial<BuildFailure>;
  const first = failure.errors?.[0];
  if (!first) return (error as Error).message;
  const where = first.location ? `${first.location.file}:${first.location.line}: ` : '';
  return `${where}${first.text}`;
}

/**
 * Writes the registry service's Docker build context: registry/main.ts bundled by esbuild
 * (ESM, node22, source map) with every dependency inlined, and the Dockerfile beside it.
 * The CDK app stages this folder as the image asset and the local stack runs the same bundle.
 */
export function buildRegistryImageContext(options: RegistryImageContextOptions): string {
  const outdir = resolve(options.outdir);
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(outdir, { recursive: true });
  let outputFiles: { path: string; text: string }[];
  try {
    ({ outputFiles } = buildSync({
      entryPoints: [join(projectRoot, 'registry', 'main.ts')],
      outfile: join(outdir, RegistryImageFiles.bundle),
      absWorkingDir: projectRoot,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node22',
      mainFields: ['module', 'main'],
      minify: options.minify ?? true,
      sourcemap: 'linked',
      sourcesContent: false,
      write: false,
      logLevel: 'silent',
      // CommonJS dependencies (pino, the AWS SDK's helpers) call require() on Node built-ins,
      // which an ESM bundle has no binding for; the same banner as the Lambda bundles.
      banner: {
        js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
      },
    }));
  } catch (error) {
    throw new RegistryImageError(
      `bundling registry/main.ts for the registry image failed: ${describeFailure(error)}`,
      { cause: error },
    );
  }
  for (const file of outputFiles) {
    writeFileSync(file.path, file.path.endsWith('.map') ? portableSourceMap(file.text, outdir) : file.text);
  }
  copyFileSync(
    join(projectRoot, 'registry', 'image', RegistryImageFiles.dockerfile),
    join(outdir, RegistryImageFiles.dockerfile),
  );
  return outdir;
}

/**
 * esbuild writes source paths relative to the output folder. Rewritten relative to the
 * repository root, the map (and so the image asset's hash) is the same wherever the
 * context is built, so an unchanged service does not make CDK push a new image.
 */
function portableSourceMap(text: string, outdir: string): string {
  const map = JSON.parse(text) as { sources: string[] };
  map.sources = map.sources.map((source) => relative(projectRoot, resolve(outdir, source)));
  return JSON.stringify(map);
}

let processContext: string | undefined;

/**
 * The build context, bundled once per process into a temporary folder that is removed when
 * the process exits (synthesis has copied it into the cloud assembly by then).
 */
export function registryImageContext(): string {
  if (processContext) return processContext;
  const outdir = mkdtempSync(join(tmpdir(), 'eventline-registry-image-'));
  process.once('exit', () => rmSync(outdir, { recursive: true, force: true }));
  processContext = buildRegistryImageContext({ outdir });
  return processContext;
}
