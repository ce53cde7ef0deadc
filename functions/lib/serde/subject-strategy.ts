import type { SubjectStrategy } from '../schema/index.js';
import { SerdeConfigError } from './errors.js';

export const SubjectStrategies = {
  topicName: 'TopicName',
  recordName: 'RecordName',
  topicRecordName: 'TopicRecordName',
} as const satisfies Record<string, SubjectStrategy>;

/**
 * The registry subject (and Glue schema name) of a record, as Confluent's strategies name it:
 * TopicName `<topic>-value|key`, RecordName `<record full name>`, TopicRecordName
 * `<topic>-<record full name>`.
 */
export function subjectName(
  strategy: SubjectStrategy,
  topic: string,
  isKey: boolean,
  recordName?: string,
): string {
  if (strategy === 'TopicName') return `${topic}-${isKey ? 'key' : 'value'}`;
  if (!recordName) {
    throw new SerdeConfigError(
      `subject strategy ${strategy} needs a record name: pass the schema (Avro named type, Protobuf message, JSON Schema title)`,
    );
  }
  return strategy === 'RecordName' ? recordName : `${topic}-${recordName}`;
}
