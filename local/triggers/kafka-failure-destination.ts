import type { IHeaders, Producer } from 'kafkajs';
import type { Discarded } from './batch-runner.js';
import type { SourceRecord } from './msk-event.js';

export interface KafkaFailureDestination {
  readonly producer: Producer;
  /** DLQ topic for a source topic; Lambda's KafkaDlq names one topic (`kafka://<topic>`). */
  readonly topic: string | ((sourceTopic: string) => string);
}

/**
 * Sends discarded records to the Kafka on-failure destination. Lambda writes "the actual failed
 * records along with failure metadata" (https://docs.aws.amazon.com/lambda/latest/dg/kafka-on-failure-destination.html);
 * locally the metadata is Eventline's DLQ header set (docs/architecture.md §2, reason `retries-exhausted`)
 * so `eventline dlq` reads both nets alike. Key, value and original headers are kept byte for byte.
 */
export async function sendToKafkaDlq(
  destination: KafkaFailureDestination,
  discarded: Discarded<SourceRecord>,
  consumerGroup: string,
): Promise<void> {
  const failedAt = new Date().toISOString();
  const byTopic = new Map<string, { key: Buffer | null; value: Buffer | null; headers: IHeaders }[]>();
  for (const { topic, partition, message } of discarded.records) {
    const dlq = typeof destination.topic === 'string' ? destination.topic : destination.topic(topic);
    const headers: IHeaders = {
      ...(message.headers ?? {}),
      'dlq-reason': 'retries-exhausted',
      'dlq-error-class': discarded.lastError?.name ?? discarded.condition,
      'dlq-error-message':
        discarded.lastError?.message ?? `${discarded.condition} after ${discarded.attempts} attempts`,
      'dlq-original-topic': topic,
      'dlq-original-partition': String(partition),
      'dlq-original-offset': message.offset,
      'dlq-original-timestamp': message.timestamp,
      'dlq-consumer-group': consumerGroup,
      'dlq-failed-at': failedAt,
    };
    const list = byTopic.get(dlq) ?? [];
    list.push({ key: message.key, value: message.value, headers });
    byTopic.set(dlq, list);
  }
  await destination.producer.sendBatch({
    acks: -1,
    topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })),
  });
}
