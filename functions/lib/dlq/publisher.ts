import type { Producer } from 'kafkajs';
import { DlqProduceError } from './errors.js';
import type { DlqMessage } from './types.js';

/** Sends DLQ records; any failure surfaces as DlqProduceError so the invocation fails and nothing is lost. */
export interface DlqPublisher {
  publish(message: DlqMessage): Promise<void>;
}

export interface KafkaDlqPublisherOptions {
  /** A connected kafkajs producer (idempotent, acks=all, as the kafka factory builds it). */
  readonly producer: Producer;
}

export function kafkaDlqPublisher(options: KafkaDlqPublisherOptions): DlqPublisher {
  return {
    async publish(message) {
      try {
        await options.producer.send({
          topic: message.topic,
          // acks=all: a DLQ record acknowledged by the leader alone could vanish with it.
          acks: -1,
          messages: [
            {
              key: message.key,
              value: message.value,
              headers: message.headers,
              timestamp: message.timestamp,
            },
          ],
        });
      } catch (error) {
        throw new DlqProduceError(message.topic, { cause: error });
      }
    },
  };
}
