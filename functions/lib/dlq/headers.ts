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

const dlqSuffix = '.dlq';

/** `<topic>.dlq` (docs/architecture.md §2): the one place the DLQ naming rule is written. */
export function dlqTopicOf(topic: string): string {
  return `${topic}${dlqSuffix}`;
}

/** Whether a topic is a DLQ topic by that rule. */
export function isDlqTopic(topic: string): boolean {
  return topic.endsWith(dlqSuffix);
}

export function isDlqReason(value: string): value is DlqReason {
  return (Object.values(DlqReasons) as string[]).includes(value);
}
