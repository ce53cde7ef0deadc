import type { RegistryChoice } from '../assembly/index.js';
import type { LocalTriggerSettings } from './triggers.js';

export interface PipelineOptions extends LocalTriggerSettings {
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
  /** Local name prefix of the template's tables and queues and of the consumer groups. A bounded run makes its own and drops its tables after. */
  readonly prefix: string;
  /** A bounded run fails (non-zero exit) when not every order is accounted for by then. */
  readonly timeoutSeconds: number;
  /** Keep a bounded run's tables for inspection. */
  readonly keep: boolean;
  /** Leave running the services of the local stack this run started (it stops them otherwise). */
  readonly keepStack: boolean;
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
  keepStack: false,
  kafkaStartingPosition: 'LATEST',
} as const satisfies Partial<PipelineOptions>;
