import { InvalidManifestError, loadManifest, type Manifest } from '../../../functions/lib/manifest/index.js';
import { CliError } from '../run.js';

/** How `schemas check` (and `register`) end: distinct codes so CI can tell a refusal from an outage. */
export const CheckExitCodes = {
  /** At least one schema would be refused. */
  refused: 1,
  /** The registry did not answer (connection refused, timed out, 5xx, throttled). */
  unreachable: 2,
} as const;

/**
 * The manifest, or a refusal printed like a refused schema: every problem with it (a topic
 * without an owner among them), each saying what to change.
 */
export function readManifest(dir: string): Manifest {
  try {
    return loadManifest(dir);
  } catch (error) {
    if (!(error instanceof InvalidManifestError)) throw error;
    process.stdout.write(`REFUSED ${error.file}\n`);
    for (const problem of error.problems) process.stdout.write(`        ${problem}\n`);
    const count = `${error.problems.length} ${error.problems.length === 1 ? 'problem' : 'problems'}`;
    throw new CliError(`the manifest would be refused (${count})`, CheckExitCodes.refused);
  }
}
