import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { StackError } from './errors.js';

const run = promisify(execFile);

interface Tool {
  readonly command: string;
  readonly versionArgs: readonly string[];
  readonly fix: string;
}

const tools = {
  java: {
    command: 'java',
    versionArgs: ['-version'],
    fix: 'install a JDK 17 or newer (e.g. apt-get install openjdk-17-jdk-headless)',
  },
  mvn: { command: 'mvn', versionArgs: ['-v'], fix: 'install Apache Maven 3.8+ (e.g. apt-get install maven)' },
  python3: {
    command: 'python3',
    versionArgs: ['--version'],
    fix: 'install Python 3.9+ with venv (e.g. apt-get install python3-venv)',
  },
} as const satisfies Record<string, Tool>;

export type ToolName = keyof typeof tools;

/** Fails with one line naming the missing program and how to install it. */
export async function requireTool(name: ToolName): Promise<void> {
  const tool = tools[name];
  try {
    await run(tool.command, [...tool.versionArgs], { timeout: 30_000 });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const what = code === 'ENOENT' ? 'was not found on PATH' : `did not run (${String(code ?? error)})`;
    throw new StackError(`\`${tool.command}\` ${what}: ${tool.fix}`, { cause: error });
  }
}

/** Runs a setup command, failing with its last output lines when it exits non-zero. */
export async function runSetup(
  command: string,
  args: readonly string[],
  what: string,
  cwd?: string,
): Promise<string> {
  try {
    const { stdout } = await run(command, [...args], {
      cwd,
      maxBuffer: 64 * 1024 * 1024,
      timeout: 20 * 60_000,
    });
    return stdout;
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    const tail = `${e.stdout ?? ''}\n${e.stderr ?? ''}`
      .split('\n')
      .filter((line) => /ERROR|error|Could not|failed/i.test(line))
      .slice(-3)
      .join(' | ');
    throw new StackError(
      `${what} failed: ${tail || e.message}. Check network access to the package registry and retry.`,
      {
        cause: error,
      },
    );
  }
}
