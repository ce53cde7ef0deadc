import { subscribe } from 'node:diagnostics_channel';
import { parentPort, workerData } from 'node:worker_threads';
import { type RecordOutcome, recordOutcomeChannel } from '../../functions/lib/consumer/outcomes.js';
import { createLambdaContext } from './context.js';
import type { LambdaHandler } from './invoke.js';
import type {
  InvokeReply,
  InvokeRequest,
  LogChunk,
  OutcomeMessage,
  SandboxWorkerData,
} from './sandbox-protocol.js';

// The function's output goes to the parent through parentPort, ahead of the reply (see LogChunk),
// so `eventline invoke` prints every log line of an invocation between its START and END.
for (const log of ['stdout', 'stderr'] as const) {
  process[log].write = ((chunk: string | Uint8Array, encodingOrDone?: unknown, done?: unknown) => {
    parentPort?.postMessage({ log, chunk } satisfies LogChunk);
    const callback = typeof encodingOrDone === 'function' ? encodingOrDone : done;
    if (typeof callback === 'function') queueMicrotask(() => callback());
    return true;
  }) as typeof process.stdout.write;
}

// Channels are per thread and by name: the function's bundled copy of the consumer library
// publishes on the same channel as the one imported here.
subscribe(recordOutcomeChannel.name, (outcome) => {
  parentPort?.postMessage({ outcome: outcome as RecordOutcome } satisfies OutcomeMessage);
});

// Lambda reads NODE_OPTIONS from the function's environment; a worker thread does not, so the
// template's --enable-source-maps is applied here, and stack traces point at the TypeScript.
if (process.env.NODE_OPTIONS?.includes('--enable-source-maps')) process.setSourceMapsEnabled(true);

// Importing the module is the cold start: the handler parses this worker's environment now.
const { module, exportName } = workerData as SandboxWorkerData;
const loaded = (await import(module)) as Record<string, unknown>;
const handler = loaded[exportName] as LambdaHandler | undefined;
if (typeof handler !== 'function') throw new Error(`${module} exports no function "${exportName}"`);

parentPort?.on('message', async (request: InvokeRequest) => {
  const context = createLambdaContext({
    functionName: request.functionName,
    requestId: request.requestId,
    timeoutMs: request.deadline - Date.now(),
  });
  let reply: InvokeReply;
  try {
    const response = await handler(request.event, context);
    reply = { id: request.id, ok: true, response: response === undefined ? null : response };
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    reply = {
      id: request.id,
      ok: false,
      error: { name: e.name, message: e.message, ...(e.stack ? { stack: e.stack } : {}) },
    };
  }
  parentPort?.postMessage(reply);
});
parentPort?.postMessage('ready');
