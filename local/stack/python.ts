import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hashFiles } from './cache.js';
import { cacheDir, projectRoot } from './paths.js';
import { requireTool, runSetup } from './tools.js';

const pending = new Map<string, Promise<string>>();

/**
 * A virtualenv holding the packages of local/stack/python/<name>.txt, built once per
 * requirements hash under the cache folder (pip's own cache makes a rebuild fast).
 * Returns the venv's bin folder.
 */
export function ensureVenv(name: string): Promise<string> {
  let result = pending.get(name);
  if (!result) {
    result = build(name);
    pending.set(name, result);
  }
  return result;
}

async function build(name: string): Promise<string> {
  const requirements = join(projectRoot, 'local', 'stack', 'python', `${name}.txt`);
  const venv = join(cacheDir, 'venv', `${name}-${hashFiles([requirements])}`);
  const bin = join(venv, 'bin');
  const marker = join(venv, '.complete');
  if (existsSync(marker)) return bin;
  await requireTool('python3');
  await runSetup('python3', ['-m', 'venv', '--clear', venv], `Creating the ${name} virtualenv`);
  await runSetup(
    join(bin, 'pip'),
    ['install', '--disable-pip-version-check', '-q', '-r', requirements],
    `Installing ${name} from PyPI`,
  );
  writeFileSync(marker, new Date().toISOString());
  return bin;
}
