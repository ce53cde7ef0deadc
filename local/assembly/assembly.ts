import { relative } from 'node:path';
import { projectRoot } from '../stack/paths.js';
import { type MappingSettings, readMappings } from './event-source-mapping.js';
import { type AssemblyFunction, assemblyFunctions } from './functions.js';
import { type LocalSynthesis, type LocalSynthOptions, synthLocal } from './synth.js';
import { type CfnTemplate, readTemplate } from './template.js';

/** The synthesized stack as the local pipeline runs it. */
export interface LocalAssembly {
  readonly synthesis: LocalSynthesis;
  readonly template: CfnTemplate;
  readonly functions: readonly AssemblyFunction[];
  /** Every event source mapping, checked: one the local triggers cannot honour has already thrown. */
  readonly mappings: readonly MappingSettings[];
}

/** Synthesizes (or reuses) the local cloud assembly and reads its functions and triggers. */
export async function loadAssembly(options: LocalSynthOptions = {}): Promise<LocalAssembly> {
  const synthesis = await synthLocal(options);
  const template = readTemplate(synthesis.templateFile);
  return {
    synthesis,
    template,
    functions: assemblyFunctions(template, synthesis.directory),
    mappings: readMappings(template),
  };
}

/** A path as the summary and the view print it: relative to the checkout. */
export function displayPath(path: string): string {
  return relative(projectRoot, path);
}
