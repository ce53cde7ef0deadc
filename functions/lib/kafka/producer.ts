import type { Kafka, Producer, ProducerBatch, RecordMetadata, TopicMessages } from 'kafkajs';
import { KafkaProduceError } from './errors.js';
import { keyHashPartitioner } from './partitioner.js';
import type { ProducerOptions } from './types.js';

/**
 * A producer that lives as long as the container: connected on first use, reused across
 * invocations, and thrown away after any failed send so the next send starts from a new
 * connection (and a new idempotent producer id, whose sequence numbers cannot be stuck).
 */
export interface ManagedProducer {
  /** One produce request per broker for all topics and partitions: idempotent, acks=all. */
  sendBatch(topicMessages: readonly TopicMessages[]): Promise<RecordMetadata[]>;
  /** Drops the connection (tests, shutdown); the next send reconnects. */
  disconnect(): Promise<void>;
}

/**
 * @example
 * const producer = createManagedProducer(() => createKafka({ clientId: 'relay', brokers }));
 * await producer.sendBatch([{ topic, messages: [{ key, value, headers }] }]);
 */
export function createManagedProducer(
  kafka: () => Kafka | Promise<Kafka>,
  options: ProducerOptions = {},
): ManagedProducer {
  let current: Promise<Producer> | undefined;

  async function connect(): Promise<Producer> {
    const producer = (await kafka()).producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      createPartitioner: keyHashPartitioner,
      retry: options.retry ?? { retries: 3, initialRetryTime: 200, maxRetryTime: 2000 },
    });
    await producer.connect();
    return producer;
  }

  async function discard(): Promise<void> {
    const stale = current;
    current = undefined;
    if (!stale) return;
    await stale.then((producer) => producer.disconnect()).catch(() => undefined);
  }

  return {
    async sendBatch(topicMessages) {
      const topics = topicMessages.map((t) => t.topic);
      try {
        current ??= connect();
        const producer = await current;
        const batch: ProducerBatch = { acks: -1, topicMessages: [...topicMessages] };
        return await producer.sendBatch(batch);
      } catch (error) {
        await discard();
        throw new KafkaProduceError(topics, { cause: error });
      }
    },
    disconnect: discard,
  };
}
