import type { ManagedProducer } from '../kafka/index.js';
import { DlqProduceError } from './errors.js';
import type { DlqMessage } from './types.js';

/** Sends DLQ records; any failure surfaces as DlqProduceError so the invocation fails and nothing is lost. */
export interface DlqPublisher {
  /** Resolves to where the record landed, when the publisher can tell. */
  publish(message: DlqMessage): Promise<DlqPosition | undefined>;
}

/** Where a DLQ record was written. */
export interface DlqPosition {
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
}

export interface KafkaDlqPublisherOptions {
  /** The container's managed producer (idempotent, acks=all), from functions/lib/kafka. */
  readonly producer: Pick<ManagedProducer, 'sendBatch'>;
}

export function kafkaDlqPublisher(options: KafkaDlqPublisherOptions): DlqPublisher {
  return {
    async publish(message) {
      let written: Awaited<ReturnType<KafkaDlqPublisherOptions['producer']['sendBatch']>>;
      try {
        written = await options.producer.sendBatch([
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
      // One message to one topic: the response's base offset is that message's offset.
      const [metadata] = written;
      if (!metadata?.baseOffset) return undefined;
      return { topic: message.topic, partition: metadata.partition, offset: Number(metadata.baseOffset) };
    },
  };
}
