import type { GlueSender } from '../../../functions/lib/registry/index.js';

type Handler = (input: Record<string, unknown>) => unknown;

/** An AWS SDK error as the Glue client sees it: a name and the HTTP status in $metadata. */
export function awsError(name: string, status = 400, message = name): Error {
  return Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status } });
}

/**
 * A scripted stand-in for the Glue SDK client (only for what moto cannot do: PENDING,
 * throttling, timing of concurrent calls). Each operation answers from its handler;
 * `calls` records the operation names in order.
 */
export class FakeGlue implements GlueSender {
  readonly calls: string[] = [];
  readonly #handlers: Record<string, Handler>;

  constructor(handlers: Record<string, Handler>) {
    this.#handlers = handlers;
  }

  count(operation: string): number {
    return this.calls.filter((call) => call === operation).length;
  }

  async send(command: object): Promise<unknown> {
    const operation = command.constructor.name.replace(/Command$/, '');
    this.calls.push(operation);
    const handler = this.#handlers[operation];
    if (!handler) throw awsError('UnexpectedOperation', 400, `the fake has no answer for ${operation}`);
    return handler((command as { input: Record<string, unknown> }).input);
  }
}

/** Options that keep the client's waits in the millisecond range. */
export const fastTimings = {
  retry: { retries: 3, baseDelayMs: 1, maxDelayMs: 4 },
  pendingWait: { initialDelayMs: 1, maxDelayMs: 4, timeoutMs: 2000 },
} as const;
