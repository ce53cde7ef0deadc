import type { Command } from 'commander';

/** An error the CLI reports as one line with this exit code, never as a stack trace. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** Errors whose message is written for the user (they end the run with one line). */
const userFacing = new Set(['CliError', 'StackError']);

export async function runCli(program: Command, argv: readonly string[]): Promise<void> {
  try {
    await program.parseAsync([...argv]);
  } catch (error) {
    const e = error as Error & { exitCode?: number };
    const message = userFacing.has(e.name) || e.name.endsWith('Error') ? e.message : String(error);
    process.stderr.write(`eventline: ${message}\n`);
    process.exitCode = e.exitCode ?? 1;
  }
}
