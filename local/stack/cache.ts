import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** A short content hash of files, so a cache entry is rebuilt exactly when its inputs change. */
export function hashFiles(files: readonly string[]): string {
  const hash = createHash('sha256');
  for (const file of files) hash.update(file).update(readFileSync(file));
  return hash.digest('hex').slice(0, 16);
}
