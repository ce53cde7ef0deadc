export { PipelineError } from './errors.js';
export { defaultPipelineOptions, type PipelineOptions } from './options.js';
export { type PipelineIo, runPipeline } from './pipeline.js';
export type { RunSummary } from './summary.js';
export { describeLocalSettings, type LocalTriggerSettings } from './triggers.js';
export { liveRenderer, renderView } from './view.js';
