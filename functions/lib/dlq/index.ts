/** Dead-letter topics: building `<topic>.dlq` records and sending them. */
export { buildDlqRecord } from './build-record.js';
export { DlqError, DlqProduceError, NotADlqRecordError } from './errors.js';
export {
  DlqHeaders,
  type DlqReason,
  DlqReasons,
  dlqTopicOf,
  isDlqReason,
  isDlqTopic,
  ReplayHeaders,
} from './headers.js';
export {
  type DlqPosition,
  type DlqPublisher,
  type KafkaDlqPublisherOptions,
  kafkaDlqPublisher,
} from './publisher.js';
export {
  type ConsumedDlqRecord,
  type ConsumedHeaders,
  type DlqEntry,
  parseDlqRecord,
  type ReplayMessage,
  replayMessage,
} from './read.js';
export type { DlqMessage, FailedRecord, FailureDescription, RawHeader } from './types.js';
