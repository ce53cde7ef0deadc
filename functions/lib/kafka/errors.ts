import { EventlineError } from '../errors/index.js';

/** Base of the Kafka client module's errors; `retryable` says whether another attempt can help. */
export class KafkaClientError extends EventlineError {
  /** Retryable unless `options` say otherwise: brokers come back. */
  constructor(message: string, options?: { cause?: unknown; retryable?: boolean }) {
    super(message, { ...options, retryable: options?.retryable ?? true });
  }
}

/** Neither a broker list nor a cluster whose brokers could be looked up. */
export class KafkaBootstrapError extends KafkaClientError {
  constructor(message: string, options?: { cause?: unknown; retryable?: boolean }) {
    super(message, options);
  }
}

/** A produce request failed; the producer has been discarded and will be rebuilt on next use. */
export class KafkaProduceError extends KafkaClientError {
  constructor(
    readonly topics: readonly string[],
    options: { cause: unknown },
  ) {
    super(
      `produce to ${topics.join(', ')} failed: ${(options.cause as Error)?.message ?? String(options.cause)}`,
      {
        cause: options.cause,
        retryable: true,
      },
    );
  }
}

/**
 * Whether a produce failure is the broker refusing a record batch as larger than the topic's
 * max.message.bytes (kafkajs' MESSAGE_TOO_LARGE protocol error, anywhere in the cause chain).
 */
export function isMessageTooLarge(error: unknown): boolean {
  for (let e = error, depth = 0; e instanceof Error && depth < 8; e = e.cause, depth++) {
    if ((e as { type?: unknown }).type === 'MESSAGE_TOO_LARGE') return true;
  }
  return false;
}
