import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { PipelineConfig, Role, RoleOptions } from './config.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const worker = fileURLToPath(new URL('./worker.ts', import.meta.url));

/** A relay or consumer running in a child process of this test. */
export class ChildRole {
  private child?: ChildProcess;

  constructor(
    private readonly role: Role,
    private readonly run: PipelineConfig,
    private readonly options: RoleOptions = {},
  ) {}

  /** Starts the process and waits until it polls. */
  async start(): Promise<void> {
    // Node itself with tsx's loader, not the tsx CLI: the CLI runs the script in a grandchild,
    // which a SIGKILL to the CLI would leave running.
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', worker, this.role, JSON.stringify(this.run), JSON.stringify(this.options)],
      { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    this.child = child;
    await new Promise<void>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`${this.role} worker exited with ${code} before ready`)));
      child.stdout?.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('ready')) resolve();
      });
    });
    child.removeAllListeners('exit');
  }

  /** SIGKILL: no cleanup, no commit, no flush, as when Lambda's sandbox dies. */
  async kill(): Promise<void> {
    await this.signal('SIGKILL');
  }

  async stop(): Promise<void> {
    await this.signal('SIGTERM');
  }

  private async signal(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill(signal);
    await exited;
  }
}
