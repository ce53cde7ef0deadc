export { type LocalResources, localResources, type RegistryChoice, RegistryChoices } from './environment.js';
export { PipelineError } from './errors.js';
export { handlerModule, pipelineFunctions } from './functions.js';
export { defaultPipelineOptions, type PipelineOptions } from './options.js';
export { type PipelineIo, runPipeline } from './pipeline.js';
export type { RunSummary } from './summary.js';
export { liveRenderer, renderView } from './view.js';
