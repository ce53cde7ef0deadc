/** Kafka consumers on MSK triggers: decode, idempotency, DLQ routing, partial batch responses. */
export { batchResponse, type KafkaBatchResponse, type KafkaItemIdentifier } from './batch-response.js';
export { kafkaConsumer } from './consumer.js';
export type { KeyFormat } from './decode-record.js';
export {
  ConsumerError,
  MalformedEventError,
  RecordRejectedError,
  RetryRecordError,
  UndecodableRecordError,
} from './errors.js';
export { FieldDecryption, type FieldDecryptionOptions } from './field-decryption.js';
export { mskEventParser } from './middleware.js';
export {
  type KafkaBatch,
  type KafkaPartitionBatch,
  type KafkaRecord,
  type MskSchemaMetadata,
  type MskTriggerEvent,
  type MskWireRecord,
  parseMskEvent,
} from './msk-event.js';
export {
  type OutcomeError,
  type RecordOutcome,
  type RecordOutcomeStatus,
  RecordOutcomeStatuses,
  recordOutcomeChannel,
} from './outcomes.js';
export { processBatch } from './process-batch.js';
export { type FailureStage, type Routing, routeFailure } from './routing.js';
export type { ConsumerLogger, ConsumerOptions, ConsumerRecord, RecordHandler } from './types.js';
