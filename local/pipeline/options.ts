import type { RegistryChoice } from './environment.js';

export interface PipelineOptions {
  /** Orders per second the demo producer places. */
  readonly rate: number;
  /** Bounded run: place this many orders, exit once all are accounted for. */
  readonly orders?: number;
  /**
   * Orders placed before the latency figures start: the first invocations of each function
   * (module load, first registry lookups, SDK clients) and the stack's JIT warm-up are cold
   * starts, not the steady-state latency. Their figures are reported apart.
   */
  readonly warmupOrders: number;
  /** Stop the demo after this many seconds (unbounded runs). */
  readonly durationSeconds?: number;
  /** Share of orders followed by a poison record. */
  readonly poisonRate: number;
  readonly registry: RegistryChoice;
  /** Resource name prefix (tables, consumer groups). A bounded run makes its own and drops its tables after. */
  readonly prefix: string;
  /** DynamoDB Streams poll interval (Lambda polls 4 times a second). */
  readonly streamPollMs: number;
  /** Kafka batching window (Lambda's default is 500 ms). */
  readonly batchingWindowMs: number;
  /** A bounded run fails (non-zero exit) when not every order is accounted for by then. */
  readonly timeoutSeconds: number;
  /** Keep a bounded run's tables for inspection. */
  readonly keep: boolean;
  /**
   * Per-invocation timeout of the local functions. Generous, because DynamoDB Local on a busy
   * laptop is far slower than DynamoDB, and a timed-out batch is retried whole.
   */
  readonly invocationTimeoutMs: number;
}

export const defaultPipelineOptions = {
  rate: 10,
  poisonRate: 0,
  warmupOrders: 0,
  registry: 'apicurio',
  prefix: 'eventline',
  streamPollMs: 100,
  batchingWindowMs: 100,
  timeoutSeconds: 300,
  keep: false,
  invocationTimeoutMs: 120_000,
} as const satisfies Partial<PipelineOptions>;
