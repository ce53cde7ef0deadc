/** `eventline smoke`: one order through the deployed (or local) pipeline, each leg timed. */
export { SmokeError } from './errors.js';
export { runSmoke, type SmokeLeg, type SmokeOptions, type SmokeResult } from './run-smoke.js';
export { SmokeOutputKeys, type SmokeTargets, targetsFromOutputs, targetsFromStack } from './targets.js';
