import type { DlqReason } from '../dlq/index.js';

/** What every Eventline error can be built with. */
export interface EventlineErrorOptions {
  /** The failure this error explains. */
  readonly cause?: unknown;
  /**
   * Whether another attempt can succeed: a consumer reports a retryable failure as a batch item
   * failure and dead-letters any other.
   * @default false
   */
  readonly retryable?: boolean;
  /**
   * The `dlq-reason` a consumer writes when this error sends a record to `<topic>.dlq`.
   * @default undefined (the consumer's routing picks one by where the record failed)
   */
  readonly dlqReason?: DlqReason;
}

/**
 * Base of every Eventline error. `name` is the concrete class's own (bundles keep names), and
 * `retryable` and `dlqReason` are data, so routing never reads class names or messages.
 */
export class EventlineError extends Error {
  readonly retryable: boolean;
  declare readonly dlqReason?: DlqReason;

  constructor(message: string, options: EventlineErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.retryable = options.retryable ?? false;
    if (options.dlqReason !== undefined) this.dlqReason = options.dlqReason;
  }
}
