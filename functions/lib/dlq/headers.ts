/** DLQ header names of docs/architecture.md §2. */
export const DlqHeaders = {
  reason: 'dlq-reason',
  errorClass: 'dlq-error-class',
  errorMessage: 'dlq-error-message',
  originalTopic: 'dlq-original-topic',
  originalPartition: 'dlq-original-partition',
  originalOffset: 'dlq-original-offset',
  originalTimestamp: 'dlq-original-timestamp',
  consumerGroup: 'dlq-consumer-group',
  failedAt: 'dlq-failed-at',
} as const;

/** The fixed vocabulary of `dlq-reason`. */
export const DlqReasons = {
  deserialization: 'deserialization',
  schemaNotFound: 'schema-not-found',
  validation: 'validation',
  handlerRejected: 'handler-rejected',
  retriesExhausted: 'retries-exhausted',
} as const;
export type DlqReason = (typeof DlqReasons)[keyof typeof DlqReasons];

/** Added by `eventline dlq replay` to a record it sends back to its original topic. */
export const ReplayHeaders = {
  replayedFrom: 'dlq-replayed-from',
  replayedAt: 'dlq-replayed-at',
} as const;

const DLQ_SUFFIX = '.dlq';

/** `<topic>.dlq` (docs/architecture.md §2). */
export function dlqTopicOf(topic: string): string {
  return `${topic}${DLQ_SUFFIX}`;
}

/** Whether a topic name is some topic's DLQ by the naming rule of dlqTopicOf. */
export function isDlqTopic(topic: string): boolean {
  return topic.length > DLQ_SUFFIX.length && topic.endsWith(DLQ_SUFFIX);
}

export function isDlqReason(value: string): value is DlqReason {
  return (Object.values(DlqReasons) as string[]).includes(value);
}
