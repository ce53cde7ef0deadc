export {
  type AvroCompatibilityOptions,
  type CompatibilityOptions,
  checkAvroCompatibility,
  checkCompatibility,
  type PreviousSchema,
} from './check.js';
export type { Difference } from './difference.js';
export { CompatError, InvalidAvroSchemaError, InvalidSchemaError } from './errors.js';
export {
  type CompatSchema,
  type Incompatibility,
  type ReferencedSchema,
  readIncompatibilities,
} from './formats.js';
export { diffJsonSchemas } from './json-schema/diff.js';
export { type JsonNode, type JsonSchemaSource, loadJsonSchema } from './json-schema/model.js';
export { isCompatibilityLevel, type LevelRules, levelRules } from './levels.js';
export { type AvroSource, parseAvroSource } from './parse.js';
export { diffProtobufSchemas } from './protobuf/diff.js';
export { loadProtobuf, type ProtobufSource, type ProtoFile } from './protobuf/model.js';
export { type ReadIssue, readIssues } from './reader-writer.js';
