export { InvalidManifestError, ManifestError, UnknownEventTypeError, UnknownTopicError } from './errors.js';
export { defaultMaxLagSeconds, defaultSchemasDir, loadManifest } from './load.js';
export * from './types.js';
