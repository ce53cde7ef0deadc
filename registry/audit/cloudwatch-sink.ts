import {
  type CloudWatchLogsClient,
  CreateLogStreamCommand,
  PutLogEventsCommand,
  ResourceAlreadyExistsException,
} from '@aws-sdk/client-cloudwatch-logs';
import type { AuditEntry } from './audit-entry.js';
import type { AuditSink } from './audit-sink.js';
import { AuditWriteError } from './errors.js';

export interface CloudWatchAuditSinkOptions {
  readonly client: CloudWatchLogsClient;
  /** The audit log group (its own retention and key, apart from the service's logs). */
  readonly logGroupName: string;
  /** This process's stream; one per task, since a stream takes one writer at a time. */
  readonly logStreamName: string;
}

/**
 * Audit lines sent to their own CloudWatch Logs group with PutLogEvents, one call per change:
 * changes are rare, and a line stored before the answer leaves is never lost to a crash.
 * The stream is created on first use.
 */
export class CloudWatchAuditSink implements AuditSink {
  #stream: Promise<void> | undefined;

  constructor(private readonly options: CloudWatchAuditSinkOptions) {}

  async write(entry: AuditEntry): Promise<void> {
    const { client, logGroupName, logStreamName } = this.options;
    try {
      await this.#ensureStream();
      await client.send(
        new PutLogEventsCommand({
          logGroupName,
          logStreamName,
          logEvents: [{ timestamp: Date.parse(entry.time), message: JSON.stringify(entry) }],
        }),
      );
    } catch (error) {
      throw new AuditWriteError(
        `audit log group ${logGroupName} stream ${logStreamName}: ${(error as Error).message}`,
        { cause: error },
      );
    }
  }

  #ensureStream(): Promise<void> {
    const { client, logGroupName, logStreamName } = this.options;
    this.#stream ??= client.send(new CreateLogStreamCommand({ logGroupName, logStreamName })).then(
      () => undefined,
      (error: unknown) => {
        if (error instanceof ResourceAlreadyExistsException) return;
        this.#stream = undefined;
        throw error;
      },
    );
    return this.#stream;
  }
}
