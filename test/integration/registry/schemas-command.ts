import { vi } from 'vitest';
import { schemasCommand } from '../../../local/cli/commands/schemas.js';
import { CliError } from '../../../local/cli/run.js';

/** Runs `eventline schemas ...` in process; returns what it printed and the error it ended with. */
export async function schemas(...args: string[]): Promise<{ out: string; error?: CliError }> {
  const lines: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    lines.push(String(chunk));
    return true;
  });
  try {
    await schemasCommand().exitOverride().parseAsync(args, { from: 'user' });
    return { out: lines.join('') };
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    return { out: lines.join(''), error };
  } finally {
    spy.mockRestore();
  }
}
