/**
 * Kafka for Eventline's functions: a kafkajs client for MSK (IAM) or a local broker, and a
 * producer that is created once per container and rebuilt after a failed send.
 *
 * @example
 * const producer = createManagedProducer(() => createKafka({ clientId: 'consumer-dlq', clusterArn }));
 * await producer.sendBatch([{ topic: `${topic}.dlq`, messages }]);
 */
export { authMode, resolveBootstrapBrokers } from './bootstrap.js';
export { createKafka } from './client.js';
export { isMessageTooLarge, KafkaBootstrapError, KafkaClientError, KafkaProduceError } from './errors.js';
export { keyHashPartitioner } from './partitioner.js';
export { createManagedProducer, type ManagedProducer } from './producer.js';
export {
  type KafkaAuthMode,
  KafkaAuthModes,
  type KafkaConnectionOptions,
  type ProducerOptions,
} from './types.js';
