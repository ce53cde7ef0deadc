import { DlqHeaders, dlqTopicOf } from './headers.js';
import type { DlqMessage, FailedRecord, FailureDescription } from './types.js';

/** Long stack-bearing messages would bloat every DLQ record; the class and the first line are enough to triage. */
const maxMessageLength = 1024;

/**
 * The DLQ record for a failed record: key, value and original headers byte for byte, plus
 * the DLQ headers of docs/architecture.md §2. A header the producer sent more than once stays repeated.
 */
export function buildDlqRecord(record: FailedRecord, failure: FailureDescription): DlqMessage {
  const headers: Record<string, Buffer | Buffer[]> = {};
  for (const [name, value] of record.headers) {
    // kafkajs cannot send a null header value; an empty value is the closest the wire allows.
    appendHeader(headers, name, value ?? Buffer.alloc(0));
  }
  const failedAt = failure.failedAt ?? new Date();
  const dlq: Record<string, string> = {
    [DlqHeaders.reason]: failure.reason,
    [DlqHeaders.errorClass]: errorClass(failure.error),
    [DlqHeaders.errorMessage]: errorMessage(failure.error),
    [DlqHeaders.originalTopic]: record.topic,
    [DlqHeaders.originalPartition]: String(record.partition),
    [DlqHeaders.originalOffset]: String(record.offset),
    [DlqHeaders.originalTimestamp]: new Date(record.timestamp).toISOString(),
    [DlqHeaders.consumerGroup]: failure.consumerGroup,
    [DlqHeaders.failedAt]: failedAt.toISOString(),
  };
  for (const [name, value] of Object.entries(dlq)) headers[name] = Buffer.from(value, 'utf8');
  return {
    topic: dlqTopicOf(record.topic),
    key: record.key,
    value: record.value,
    headers,
    timestamp: String(record.timestamp),
  };
}

function appendHeader(headers: Record<string, Buffer | Buffer[]>, name: string, value: Buffer): void {
  const existing = headers[name];
  if (existing === undefined) headers[name] = value;
  else if (Array.isArray(existing)) existing.push(value);
  else headers[name] = [existing, value];
}

function errorClass(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}

function errorMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.length > maxMessageLength ? `${text.slice(0, maxMessageLength)}…` : text;
}
