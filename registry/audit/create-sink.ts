import { randomUUID } from 'node:crypto';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import type { AuditSink } from './audit-sink.js';
import { CloudWatchAuditSink } from './cloudwatch-sink.js';
import { FileAuditSink } from './file-sink.js';

export interface AuditSinkOptions {
  /** JSON-lines file (local stack). @default - none */
  readonly file?: string;
  /** CloudWatch Logs group (AWS); wins over `file`. @default - none */
  readonly logGroupName?: string;
  /** @default a client with the default credential chain and region */
  readonly client?: () => CloudWatchLogsClient;
}

/** The audit sink the configuration names; undefined when it names none (changes go unaudited). */
export function createAuditSink(options: AuditSinkOptions): AuditSink | undefined {
  if (options.logGroupName) {
    return new CloudWatchAuditSink({
      client: options.client?.() ?? new CloudWatchLogsClient({}),
      logGroupName: options.logGroupName,
      // Tasks come and go; a stream per process start keeps writers apart and names the start time.
      logStreamName: `registry/${new Date().toISOString().slice(0, 10)}/${randomUUID()}`,
    });
  }
  return options.file ? new FileAuditSink(options.file) : undefined;
}
