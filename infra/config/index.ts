export * from './environment.js';
export { EnvironmentConfigError } from './errors.js';
export { environmentsContextKey, loadEnvironments, resolveEnvironment } from './load.js';
