export * from './types.js';
export { addWellKnownProto } from './well-known-protos.js';
