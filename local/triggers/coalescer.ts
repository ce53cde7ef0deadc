import type { InvocationResult } from './invoke.js';

interface Pending<R> {
  readonly records: readonly R[];
  readonly resolve: (result: InvocationResult) => void;
}

/**
 * Gathers the batches of partitions served at the same time into one invocation, as Lambda's
 * Kafka poller does ("A single Lambda payload can contain messages from multiple partitions",
 * https://docs.aws.amazon.com/lambda/latest/dg/with-msk-process.html). One invocation runs at a
 * time; each caller gets the whole result and picks out its own partition's failures.
 */
export class InvocationCoalescer<R> {
  private pending: Pending<R>[] = [];
  private running?: Promise<void>;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly invoke: (records: readonly R[]) => Promise<InvocationResult>,
    private readonly options: { readonly batchSize: number; readonly windowMs: number },
  ) {}

  submit(records: readonly R[]): Promise<InvocationResult> {
    return new Promise((resolve) => {
      this.pending.push({ records, resolve });
      if (this.size() >= this.options.batchSize) this.kick(0);
      else this.kick(this.options.windowMs);
    });
  }

  private size(): number {
    return this.pending.reduce((n, p) => n + p.records.length, 0);
  }

  private kick(delayMs: number): void {
    if (this.running) return;
    if (this.timer && delayMs > 0) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.running = this.flush().finally(() => {
        this.running = undefined;
        if (this.pending.length > 0) this.kick(0);
      });
    }, delayMs);
  }

  private async flush(): Promise<void> {
    // Whole partition batches only, up to the batch size (a single larger one still goes alone).
    const taken: Pending<R>[] = [];
    let size = 0;
    while (this.pending.length > 0) {
      const next = this.pending[0] as Pending<R>;
      if (taken.length > 0 && size + next.records.length > this.options.batchSize) break;
      taken.push(next);
      size += next.records.length;
      this.pending.shift();
    }
    const result = await this.invoke(taken.flatMap((p) => p.records));
    for (const p of taken) p.resolve(result);
  }
}
