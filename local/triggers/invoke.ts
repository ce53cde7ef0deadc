import type { Context } from 'aws-lambda';
import { createLambdaContext } from './context.js';
import { InvocationTimeoutError } from './errors.js';
import type { TriggerObserver } from './observer.js';

/** Any Lambda handler in the async style: what the local triggers and `eventline invoke` run. */
export type LambdaHandler<E = unknown, R = unknown> = (event: E, context: Context) => Promise<R> | R;

export type InvocationResult =
  | { readonly ok: true; readonly response: unknown; readonly requestId: string; readonly durationMs: number }
  | { readonly ok: false; readonly error: Error; readonly requestId: string; readonly durationMs: number };

export interface InvokeOptions {
  readonly functionName: string;
  /** @default 30_000 */
  readonly timeoutMs?: number;
  /** @default a random UUID */
  readonly requestId?: string;
}

/**
 * Runs a handler once with a fresh Lambda context and a timeout. A timed-out handler keeps
 * running in this process (a Lambda sandbox would be frozen); its result is ignored.
 */
export async function invokeHandler<E>(
  handler: LambdaHandler<E>,
  event: E,
  options: InvokeOptions,
): Promise<InvocationResult> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const context = createLambdaContext({
    functionName: options.functionName,
    timeoutMs,
    ...(options.requestId ? { requestId: options.requestId } : {}),
  });
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new InvocationTimeoutError(options.functionName, timeoutMs)), timeoutMs);
  });
  try {
    const response = await Promise.race([Promise.resolve().then(() => handler(event, context)), timeout]);
    return { ok: true, response, requestId: context.awsRequestId, durationMs: performance.now() - started };
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    return { ok: false, error: e, requestId: context.awsRequestId, durationMs: performance.now() - started };
  } finally {
    clearTimeout(timer);
  }
}

/** Invokes a trigger's handler with one batch and tells the observer how it went. */
export async function invokeObserved<E>(
  handler: LambdaHandler<E>,
  event: E,
  batch: { readonly functionName: string; readonly timeoutMs?: number | undefined; readonly records: number },
  observer: TriggerObserver | undefined,
): Promise<InvocationResult> {
  const { functionName, records } = batch;
  const result = await invokeHandler(handler, event, { functionName, timeoutMs: batch.timeoutMs ?? 30_000 });
  observer?.({
    type: 'invoked',
    functionName,
    records,
    ok: result.ok,
    durationMs: result.durationMs,
    requestId: result.requestId,
    ...(result.ok ? {} : { error: result.error }),
  });
  return result;
}
