import { cpSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../local/stack/paths.js';
import { AppCopyError } from './errors.js';

/** What a checkout needs to synthesize the app and run `npm start` (node_modules is linked, not copied). */
const appInputs = [
  'infra',
  'functions',
  'schemas',
  'registry',
  'local',
  'cdk.json',
  'package.json',
  'package-lock.json',
  'tsconfig.json',
];

/** The one marked place in infra/stacks/consumers.ts where the README says a consumer goes. */
const consumerMarker =
  '    // Add a consumer here: one KafkaConsumer and its handler folder (README, "Add a consumer").';

/** Copies this checkout's app (and `extra` paths) into `target`, with node_modules linked. */
export function copyApp(target: string, extra: readonly string[] = []): void {
  for (const entry of [...appInputs, ...extra]) {
    cpSync(join(projectRoot, entry), join(target, entry), {
      recursive: true,
      filter: (source) => !source.includes('node_modules'),
    });
  }
  symlinkSync(join(projectRoot, 'node_modules'), join(target, 'node_modules'), 'dir');
}

/** Adds a consumer declaration to a copy where the README says it goes (before the marked line). */
export function addConsumer(appDir: string, declaration: string): void {
  const consumersFile = join(appDir, 'infra/stacks/consumers.ts');
  const consumers = readFileSync(consumersFile, 'utf8');
  if (!consumers.includes(consumerMarker)) {
    throw new AppCopyError(
      `${consumersFile} has lost its "Add a consumer here" line; consumers are added there (README, "Add a consumer")`,
    );
  }
  writeFileSync(consumersFile, consumers.replace(consumerMarker, `${declaration}${consumerMarker}`));
}
