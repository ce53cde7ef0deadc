import type { EventlineFunction } from './eventline-function.js';

/** Gives a function access to a schema registry and sets the variables that tell it which and where. */
export interface RegistryBinding {
  bind(fn: EventlineFunction): void;
}
