import type { ManagedProducer } from '../kafka/index.js';
import { DlqProduceError } from './errors.js';
import type { DlqMessage } from './types.js';

/** Sends DLQ records; any failure surfaces as DlqProduceError so the invocation fails and nothing is lost. */
export interface DlqPublisher {
  publish(message: DlqMessage): Promise<void>;
}

export interface KafkaDlqPublisherOptions {
  /** The container's managed producer (idempotent, acks=all), from functions/lib/kafka. */
  readonly producer: Pick<ManagedProducer, 'sendBatch'>;
}

export function kafkaDlqPublisher(options: KafkaDlqPublisherOptions): DlqPublisher {
  return {
    async publish(message) {
      try {
        await options.producer.sendBatch([
          {
            topic: message.topic,
            messages: [
              {
                key: message.key,
                value: message.value,
                headers: message.headers,
                timestamp: message.timestamp,
              },
            ],
          },
        ]);
      } catch (error) {
        throw new DlqProduceError(message.topic, { cause: error });
      }
    },
  };
}
