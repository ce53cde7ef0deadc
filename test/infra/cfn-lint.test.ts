import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureVenv } from '../../local/stack/python.js';
import { type SynthOptions, synthStack } from './support/synth.js';

const run = promisify(execFile);

/**
 * Checks skipped on purpose: W3005 flags the DependsOn that CDK adds beside a Ref/GetAtt
 * (redundant, harmless, not ours to remove); W3010 flags literal AZ names, which is how
 * CDK's Vpc writes the AZs it resolved at synth time.
 */
const ignored = ['W3005', 'W3010'];

/** Serverless MSK with the Eventline registry, and provisioned MSK with SCRAM and the Confluent image. */
const variants: SynthOptions[] = [
  { environment: 'dev' },
  { environment: 'prod', overrides: { registry: { engine: 'confluent', allowHttp: true } } },
];

interface CfnLintFinding {
  readonly Rule: { readonly Id: string };
  readonly Message: string;
  readonly Level: string;
}

async function lint(cfnLint: string, templates: readonly string[]): Promise<string[]> {
  const args = [
    '--format',
    'json',
    '--regions',
    'eu-west-1',
    '--ignore-checks',
    ...ignored,
    '--',
    ...templates,
  ];
  // cfn-lint exits non-zero when it finds something; the JSON on stdout is what matters.
  const result = await run(cfnLint, args, { maxBuffer: 16 * 1024 * 1024 }).catch(
    (error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }),
  );
  return (JSON.parse(result.stdout || '[]') as CfnLintFinding[]).map(
    (finding) => `${finding.Rule.Id} ${finding.Level}: ${finding.Message}`,
  );
}

describe('synthesized templates', () => {
  const outdir = mkdtempSync(join(tmpdir(), 'eventline-cfn-lint-'));
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  it('pass cfn-lint with no error, warning or informational finding', async () => {
    const cfnLint = join(await ensureVenv('cfn-lint'), 'cfn-lint');
    const templates = variants.map((variant, index) => {
      const { app, stack } = synthStack({ ...variant, outdir: join(outdir, String(index)) });
      const assembly = app.synth();
      return join(assembly.directory, assembly.getStackByName(stack.stackName).templateFile);
    });

    // One cfn-lint process for all templates: loading its resource specs is most of its time.
    const findings = await lint(cfnLint, templates);

    expect(findings).toEqual([]);
  });
});
