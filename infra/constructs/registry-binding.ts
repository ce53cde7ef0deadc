import type { EventlineFunction } from './eventline-function.js';
import type { RegistryClientRole } from './registry-principals.js';

/** Gives a function access to a schema registry and sets the variables that tell it which and where. */
export interface RegistryBinding {
  /** `role`: what the function does with the registry (Glue direct ignores it: IAM decides there). */
  bind(fn: EventlineFunction, role: RegistryClientRole): void;
}

/** Gives a function read access to a DEK registry (field-level encryption's keys) and its URL. */
export interface DekRegistryBinding {
  bindDekRegistry(fn: EventlineFunction): void;
}
