import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RegistryImageFiles } from '../../../registry/image/build-context.js';
import { readDockerfile } from '../../../registry/image/dockerfile.js';
import { synthStack } from '../../infra/support/synth.js';
import { waitFor } from '../../support/wait-for.js';
import { type ConformanceTarget, describeConformance } from './conformance-cases.js';
import { freePort } from './free-port.js';
import { registryProcessEnv, testResources } from './support.js';

interface AssetManifest {
  readonly dockerImages?: Record<string, { readonly source: { readonly directory?: string } }>;
}

/** The staged Docker build context of the stack's one image asset, found through the asset manifest. */
function stagedImageContext(outdir: string, stackName: string): { hash: string; directory: string } {
  const manifest = JSON.parse(
    readFileSync(join(outdir, `${stackName}.assets.json`), 'utf8'),
  ) as AssetManifest;
  const images = Object.entries(manifest.dockerImages ?? {});
  expect(images).toHaveLength(1);
  const [hash, image] = images[0] as [string, { source: { directory?: string } }];
  return { hash, directory: join(outdir, image.source.directory ?? '') };
}

async function waitReady(url: string, child: ChildProcess): Promise<void> {
  await waitFor(
    async () => {
      if (child.exitCode !== null) throw new Error(`the image's CMD exited with ${child.exitCode}`);
      return fetch(`${url}/ready`)
        .then((response) => response.ok)
        .catch(() => false);
    },
    { what: `${url}/ready to answer 200`, timeoutMs: 60_000, intervalMs: 250 },
  );
}

const outdir = mkdtempSync(join(tmpdir(), 'eventline-image-test-'));
const resources = testResources();
const image: ConformanceTarget = { name: 'registry image from cdk.out', url: '', quirks: new Set() };
let staged: { hash: string; directory: string };
let imageRef = '';
let child: ChildProcess | undefined;

beforeAll(async () => {
  const { app, stack } = synthStack({ outdir });
  app.synth();
  staged = stagedImageContext(outdir, stack.artifactId);
  imageRef = JSON.stringify(
    JSON.parse(readFileSync(join(outdir, `${stack.artifactId}.template.json`), 'utf8')),
  );
  const [program, ...args] = readDockerfile(join(staged.directory, RegistryImageFiles.dockerfile)).command;
  expect(program).toBe('node');
  const port = await freePort();
  child = spawn(process.execPath, args, {
    cwd: staged.directory,
    env: registryProcessEnv(port, resources),
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  image.url = `http://127.0.0.1:${port}`;
  await waitReady(image.url, child);
}, 240_000);

afterAll(async () => {
  if (child && child.exitCode === null) {
    child.kill('SIGTERM');
    await once(child, 'exit');
  }
  rmSync(outdir, { recursive: true, force: true });
  await resources.drop();
});

describe('Registry image build context in the cloud assembly', () => {
  it('holds the Dockerfile and every COPY source, and nothing else: no sources, no node_modules', () => {
    const { copySources } = readDockerfile(join(staged.directory, RegistryImageFiles.dockerfile));

    expect(copySources.length).toBeGreaterThan(0);
    for (const source of copySources) expect(existsSync(join(staged.directory, source))).toBe(true);
    expect(readdirSync(staged.directory).sort()).toEqual(
      [RegistryImageFiles.dockerfile, ...copySources].sort(),
    );
  });

  it('is the image the registry task definition runs', () => {
    expect(imageRef).toContain(staged.hash);
  });

  it('carries a bundle of a size that fits a slim image (under 5 MB with its source map)', () => {
    const bytes = readdirSync(staged.directory)
      .map((file) => statSync(join(staged.directory, file)).size)
      .reduce((sum, size) => sum + size, 0);

    expect(bytes).toBeLessThan(5 * 1024 * 1024);
  });

  it("answers the load balancer's liveness check (/health)", async () => {
    const health = await fetch(`${image.url}/health`);

    expect(health.status).toBe(200);
  });
});

describeConformance([image]);
