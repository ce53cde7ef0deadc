import type { Command } from 'commander';
import { EventlineError } from '../../functions/lib/errors/index.js';

/** An error the CLI reports as one line with this exit code, never as a stack trace. */
export class CliError extends EventlineError {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

/** Errors whose message is written for the user (they end the run with one line). */
const userFacing = new Set(['CliError', 'StackError']);

/**
 * A reader that closed the pipe (`eventline consume … | head`) has all it wants: end quietly
 * with success, as `cat` does under SIGPIPE, instead of an unhandled 'error' event's trace.
 */
function exitOnClosedPipe(stream: NodeJS.WriteStream): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

export async function runCli(program: Command, argv: readonly string[]): Promise<void> {
  exitOnClosedPipe(process.stdout);
  exitOnClosedPipe(process.stderr);
  try {
    await program.parseAsync([...argv]);
  } catch (error) {
    const e = error as Error & { exitCode?: number };
    const message = userFacing.has(e.name) || e.name.endsWith('Error') ? e.message : String(error);
    process.stderr.write(`eventline: ${message}\n`);
    process.exitCode = e.exitCode ?? 1;
  }
}
