import type { Readable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Context } from 'aws-lambda';
import type { RecordOutcome } from '../../functions/lib/consumer/outcomes.js';
import { TriggerError } from './errors.js';
import type { LambdaHandler } from './invoke.js';
import type { InvokeReply, InvokeRequest, SandboxWorkerData, WorkerMessage } from './sandbox-protocol.js';

export interface FunctionSandboxOptions {
  readonly functionName: string;
  /** Path of the handler module (TypeScript is fine when the process runs under tsx). */
  readonly modulePath: string;
  /** @default 'handler' */
  readonly exportName?: string;
  /** The function's environment: its own copy, as each Lambda function has. */
  readonly env: Readonly<Record<string, string>>;
  /** Where the function's stdout/stderr go (its logs). @default this process's stderr */
  readonly logs?: NodeJS.WritableStream;
  /** Told each consumer record's outcome as the function reports it. @default ignored */
  readonly onOutcome?: (outcome: RecordOutcome) => void;
}

/**
 * One function's execution environment: a worker thread with its own `process.env` and module
 * state (so a producer created at cold start lives across invocations, as in a Lambda container),
 * one invocation at a time. A timed-out invocation resets the sandbox, as Lambda does.
 */
export class FunctionSandbox {
  private readonly options: FunctionSandboxOptions;
  private worker?: Worker;
  private ready?: Promise<void>;
  private nextId = 1;
  private readonly pending = new Map<number, (reply: InvokeReply) => void>();

  constructor(options: FunctionSandboxOptions) {
    this.options = options;
  }

  /** The sandbox as a LambdaHandler, for a trigger or `invokeHandler`. */
  readonly handler: LambdaHandler = (event: unknown, context: Context) => this.invoke(event, context);

  /** Starts the worker and imports the handler module (the cold start). */
  async start(): Promise<void> {
    if (!this.ready) this.ready = this.spawn();
    await this.ready;
  }

  async stop(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    this.ready = undefined;
    if (worker) await worker.terminate();
  }

  private async invoke(event: unknown, context: Context): Promise<unknown> {
    await this.start();
    // The trigger's clock ran while the environment started. A request whose time is up by then
    // never reaches the fresh environment, and must not end it: ended, the next one would start
    // cold again, and a cold start longer than the timeout would never serve a request.
    if (context.getRemainingTimeInMillis() <= 0) {
      throw new TriggerError(
        `${this.options.functionName}: timed out while its execution environment started`,
        {
          retryable: true,
        },
      );
    }
    const worker = this.worker as Worker;
    const id = this.nextId++;
    const request: InvokeRequest = {
      id,
      event,
      functionName: context.functionName,
      requestId: context.awsRequestId,
      deadline: Date.now() + context.getRemainingTimeInMillis(),
    };
    const reply = new Promise<InvokeReply>((resolve) => this.pending.set(id, resolve));
    worker.postMessage(request);
    const timer = setTimeout(() => {
      // Lambda stops a timed-out invocation's environment; the next invocation starts cold.
      if (this.pending.has(id)) void this.stop();
    }, context.getRemainingTimeInMillis() + 50);
    try {
      const result = await reply;
      if (result.ok) return result.response;
      const error = new Error(result.error.message);
      error.name = result.error.name;
      if (result.error.stack) error.stack = result.error.stack;
      throw error;
    } finally {
      clearTimeout(timer);
      this.pending.delete(id);
    }
  }

  private spawn(): Promise<void> {
    const data: SandboxWorkerData = {
      module: pathToFileURL(this.options.modulePath).href,
      exportName: this.options.exportName ?? 'handler',
    };
    const worker = new Worker(new URL('./sandbox-worker.ts', import.meta.url), {
      workerData: data,
      env: { ...this.options.env },
      stdout: true,
      stderr: true,
    });
    this.worker = worker;
    const logs = this.options.logs ?? process.stderr;
    // The worker posts its output as LogChunk messages; what reaches its stdio by another way
    // (a native addon's writes) still lands in the logs, in no order against the replies.
    (worker.stdout as Readable).pipe(logs, { end: false });
    (worker.stderr as Readable).pipe(logs, { end: false });
    return new Promise((resolve, reject) => {
      worker.on('message', (message: WorkerMessage) => {
        if (message === 'ready') return resolve();
        if ('log' in message) {
          logs.write(message.chunk);
          return;
        }
        if ('outcome' in message) {
          this.options.onOutcome?.(message.outcome);
          return;
        }
        this.pending.get(message.id)?.(message);
      });
      worker.on('error', (error) => {
        const failure = new TriggerError(`${this.options.functionName} crashed: ${error.message}`, {
          cause: error,
        });
        reject(failure);
        this.failPending(failure);
      });
      worker.on('exit', () => {
        if (this.worker === worker) {
          this.worker = undefined;
          this.ready = undefined;
        }
        this.failPending(
          new TriggerError(`${this.options.functionName}: execution environment stopped`, {
            retryable: true,
          }),
        );
      });
    });
  }

  private failPending(error: Error): void {
    for (const [id, resolve] of this.pending) {
      resolve({ id, ok: false, error: { name: error.name, message: error.message } });
    }
  }
}
