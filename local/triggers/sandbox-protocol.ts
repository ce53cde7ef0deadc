import type { RecordOutcome } from '../../functions/lib/consumer/outcomes.js';

/** Messages between a FunctionSandbox and its worker thread. */
export interface InvokeRequest {
  readonly id: number;
  readonly event: unknown;
  readonly functionName: string;
  readonly requestId: string;
  /** Epoch ms at which the invocation times out (the context's remaining time counts down to it). */
  readonly deadline: number;
}

export type InvokeReply =
  | { readonly id: number; readonly ok: true; readonly response: unknown }
  | {
      readonly id: number;
      readonly ok: false;
      readonly error: { readonly name: string; readonly message: string; readonly stack?: string };
    };

/**
 * Output the function wrote, sent on the same port as the replies: messages of one port arrive
 * in order, so an invocation's log lines reach the parent before its reply. (A worker's stdio
 * travels on ports of its own, with no order against this one.)
 */
export interface LogChunk {
  readonly log: 'stdout' | 'stderr';
  readonly chunk: string | Uint8Array;
}

/**
 * A consumer record's outcome, published by the consumer library on its diagnostics channel and
 * forwarded on the same port, so an invocation's outcomes arrive before its reply.
 */
export interface OutcomeMessage {
  readonly outcome: RecordOutcome;
}

/** Everything the worker posts: its readiness after the cold start, log output, outcomes, replies. */
export type WorkerMessage = 'ready' | LogChunk | OutcomeMessage | InvokeReply;

export interface SandboxWorkerData {
  /** File URL of the handler module. */
  readonly module: string;
  /** Name of the exported handler. */
  readonly exportName: string;
}
