export { ManifestError, UnknownEventTypeError, UnknownTopicError } from './errors.js';
export { defaultSchemasDir, loadManifest } from './load.js';
export * from './types.js';
