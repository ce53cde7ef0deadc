import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { App, Stack } from 'aws-cdk-lib';
import { SubnetType, Vpc } from 'aws-cdk-lib/aws-ec2';
import { afterAll, describe, expect, it } from 'vitest';
import { EventlineFunction } from '../../infra/constructs/eventline-function.js';
import { HandlerEntries } from '../../infra/paths.js';

describe('EventlineFunction bundling', () => {
  const outdir = mkdtempSync(join(tmpdir(), 'eventline-bundle-'));
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  it('builds a loadable ESM bundle with schemas/ beside it, using the local esbuild', async () => {
    const app = new App({ outdir });
    const stack = new Stack(app, 'Bundle', { env: { account: '123456789012', region: 'eu-west-1' } });
    const vpc = new Vpc(stack, 'Vpc', {
      natGateways: 0,
      subnetConfiguration: [{ name: 'private', subnetType: SubnetType.PRIVATE_ISOLATED }],
    });
    const fn = new EventlineFunction(stack, 'Topics', {
      entry: HandlerEntries.topicsProvisioner,
      description: 'bundling check',
      vpc,
      vpcSubnets: { subnetType: SubnetType.PRIVATE_ISOLATED },
      securityGroups: [],
    });
    const assembly = app.synth();
    const assetPath = (fn.node.findChild('Code') as unknown as { assetPath?: string }).assetPath;
    const bundleDir = join(assembly.directory, assetPath ?? '');
    process.env.AWS_REGION ??= 'eu-west-1';

    const bundle = (await import(pathToFileURL(join(bundleDir, 'index.mjs')).href)) as { handler?: unknown };

    expect(existsSync(join(bundleDir, 'schemas', 'manifest.json'))).toBe(true);
    expect(existsSync(join(bundleDir, 'index.mjs.map'))).toBe(true);
    expect(typeof bundle.handler).toBe('function');
  });
});
