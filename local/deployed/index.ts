/** What the CLI reads from a deployed Eventline stack. */
export { DeployedStackError } from './errors.js';
export { readStackOutputs, requireOutputs } from './stack-outputs.js';
