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

export interface SandboxWorkerData {
  /** File URL of the handler module. */
  readonly module: string;
  /** Name of the exported handler. */
  readonly exportName: string;
}
