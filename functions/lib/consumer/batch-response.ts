/*
 * The partial batch response for Kafka event sources
 * (https://docs.aws.amazon.com/lambda/latest/dg/kafka-retry-configurations.html, "Partial batch response",
 * needs ReportBatchItemFailures on the event source mapping): unlike SQS, Kinesis and DynamoDB Streams, whose
 * itemIdentifier is a string, a Kafka itemIdentifier is an object naming the `records` map key (`<topic>-<partition>`)
 * and the offset to resume from. Same shape as Powertools for Python's KafkaItemIdentifier
 * (aws-powertools/powertools-lambda-python#7941) and aws-lambda-rust-runtime's (aws/aws-lambda-rust-runtime#1164).
 */
export interface KafkaItemIdentifier {
  /** The `<topic>-<partition>` key of the event's `records` map. */
  readonly partition: string;
  readonly offset: number;
}

export interface KafkaBatchResponse {
  readonly batchItemFailures: ReadonlyArray<{ readonly itemIdentifier: KafkaItemIdentifier }>;
}

export function batchResponse(failures: readonly KafkaItemIdentifier[]): KafkaBatchResponse {
  return { batchItemFailures: failures.map((itemIdentifier) => ({ itemIdentifier })) };
}
