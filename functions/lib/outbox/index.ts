/** The transactional outbox: write events with a service's own changes in one DynamoDB transaction. */

export { OutboxAttributes, type OutboxIndex, OutboxIndexes } from './attributes.js';
export {
  type CancellationReason,
  OutboxEncryptionError,
  OutboxError,
  OutboxEventError,
  type OutboxLimit,
  OutboxLimitError,
  OutboxLimits,
  OutboxTransactionCanceledError,
  OutboxValidationError,
} from './errors.js';
export { aggregateKey, fromOutboxItem, outboxRecordFrom, toOutboxItem } from './item.js';
export { itemSize } from './item-size.js';
export { schemaPayloadValidator } from './schema-validator.js';
export { type OutboxTableOptions, outboxTableDefinition, outboxTimeToLive } from './table.js';
export type {
  OutboxEncryption,
  OutboxEventInput,
  OutboxRecord,
  OutboxWriteInput,
  OutboxWriteResult,
  OutboxWriter,
  OutboxWriterOptions,
  PayloadValidator,
} from './types.js';
export { createOutboxWriter } from './writer.js';
