export { type AvroCompatibilityOptions, checkAvroCompatibility, type PreviousSchema } from './check.js';
export { CompatError, InvalidAvroSchemaError } from './errors.js';
export { type CompatibilityLevel, isCompatibilityLevel, type LevelRules, levelRules } from './levels.js';
export { type AvroSource, parseAvroSource } from './parse.js';
export { type ReadIssue, readIssues } from './reader-writer.js';
