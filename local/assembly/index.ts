export { displayPath, type LocalAssembly, loadAssembly } from './assembly.js';
export {
  type BootstrapResult,
  bootstrapResources,
  dropTables,
  type LocalResources,
  missingResources,
} from './bootstrap.js';
export { localEnvironment, localTargets } from './environment.js';
export { AssemblyError, UnsupportedTemplateError } from './errors.js';
export {
  ImplementedMappingProperties,
  type MappingSettings,
  readMapping,
  readMappings,
} from './event-source-mapping.js';
export { type AssemblyFunction, findFunction } from './functions.js';
export { localGlueRegistry, type RegistryChoice, RegistryChoices, registryEnv } from './registry-choice.js';
export { localTableNames, localTableOutputs, planResources, type ResourcePlan } from './resources.js';
export { type LocalSynthesis, synthLocal } from './synth.js';
