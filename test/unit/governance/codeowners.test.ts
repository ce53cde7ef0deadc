import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { defaultSchemasDir, loadManifest } from '../../../functions/lib/manifest/index.js';
import { codeownersCommand } from '../../../local/cli/commands/schemas-codeowners.js';
import { CliError } from '../../../local/cli/run.js';
import { codeownersFor } from '../../../local/governance/codeowners.js';

const root = join(import.meta.dirname, '..', '..', '..');

/** Runs `eventline schemas codeowners ARGS` in process; the error it ended with, if any. */
async function codeowners(...args: string[]): Promise<CliError | undefined> {
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  try {
    await codeownersCommand().exitOverride().parseAsync(args, { from: 'user' });
    return undefined;
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    return error;
  } finally {
    spy.mockRestore();
  }
}

/** A repository of its own holding a copy of schemas/. */
function repository() {
  const dir = mkdtempSync(join(tmpdir(), 'codeowners-'));
  cpSync(defaultSchemasDir, join(dir, 'schemas'), { recursive: true });
  return dir;
}

describe('eventline schemas codeowners', () => {
  it("owns each schema by its topic's team and adds the privacy team where a field is tagged PII", () => {
    const lines = codeownersFor(loadManifest()).split('\n');

    expect(lines).toContain('/schemas/orders/order-placed.avsc @eventline/orders @eventline/privacy');
    expect(lines).toContain('/schemas/orders/order-paid.avsc @eventline/orders');
    expect(lines).toContain('/schemas/orders/fulfilment-requested.schema.json @eventline/fulfilment');
    // The catch-all (manifest, its schema, unnamed files) comes first: in CODEOWNERS the last match wins.
    expect(lines.indexOf('/schemas/ @eventline/privacy')).toBeLessThan(
      lines.findIndex((line) => line.startsWith('/schemas/orders/')),
    );
  });

  it('matches the committed .github/CODEOWNERS', () => {
    expect(readFileSync(join(root, '.github/CODEOWNERS'), 'utf8')).toBe(codeownersFor(loadManifest()));
  });

  it('writes the file, then --check passes; an ownership change makes --check fail until it is regenerated', async () => {
    const dir = repository();
    const flags = ['--root', dir, '--schemas', join(dir, 'schemas'), '--out', '.github/CODEOWNERS'];

    const missing = await codeowners(...flags, '--check');
    const written = await codeowners(...flags);
    const fresh = await codeowners(...flags, '--check');
    const manifest = JSON.parse(readFileSync(join(dir, 'schemas/manifest.json'), 'utf8'));
    manifest.topics[1].owner = '@eventline/payments';
    writeFileSync(join(dir, 'schemas/manifest.json'), JSON.stringify(manifest));
    const stale = await codeowners(...flags, '--check');

    expect(missing?.message).toMatch(
      /\.github\/CODEOWNERS is missing: run `npm run eventline -- schemas codeowners`/,
    );
    expect(written).toBeUndefined();
    expect(fresh).toBeUndefined();
    expect(stale?.exitCode).toBe(1);
    expect(stale?.message).toMatch(/is stale/);
  });
});
