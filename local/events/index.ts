export { EventsError, JsonLineError, UnsupportedSampleError } from './errors.js';
export { parseJsonLines, readJsonLines } from './json-lines.js';
export { type BatchRecord, generateMskBatch, type MskBatchOptions } from './msk-batch.js';
export { assignPositions, type PositionOptions, type RecordPosition } from './positions.js';
export { SAMPLE_INSTANT, samplePayload } from './sample/index.js';
