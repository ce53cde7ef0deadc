import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AssemblyError } from './errors.js';
import { type CfnTemplate, constructPath, kebabPath, ResourceTypes, resourcesOfType } from './template.js';

/** A Lambda function of the template with the bundle `cdk deploy` would upload for it. */
export interface AssemblyFunction {
  readonly logicalId: string;
  /** The local name: the handler's folder under functions/ (e.g. `outbox-relay`), else the construct path. */
  readonly name: string;
  /** The staged asset folder in cdk.out (what Lambda unpacks into /var/task). */
  readonly bundleDir: string;
  /** The module the template's Handler names, e.g. `<bundleDir>/index.mjs`. */
  readonly codeFile: string;
  readonly exportName: string;
  /** The TypeScript entry the bundle was built from, when its source map names one. */
  readonly sourceFile?: string;
  /** The template's Environment.Variables, unresolved. */
  readonly environment: Readonly<Record<string, unknown>>;
  readonly timeoutSeconds: number;
}

/** Module file extensions Lambda's Node.js runtime tries for a handler, in its order. */
const handlerExtensions = ['.js', '.mjs', '.cjs'] as const;

/** Every function of the template whose code is a staged bundle in the assembly folder. */
export function assemblyFunctions(template: CfnTemplate, assemblyDir: string): AssemblyFunction[] {
  return resourcesOfType(template, ResourceTypes.function).flatMap(([logicalId, resource]) => {
    const assetPath = resource.Metadata?.['aws:asset:path'];
    const handler = resource.Properties?.Handler;
    if (typeof assetPath !== 'string' || typeof handler !== 'string') return [];
    const bundleDir = join(assemblyDir, assetPath);
    const dot = handler.lastIndexOf('.');
    const base = join(bundleDir, handler.slice(0, dot));
    const codeFile = handlerExtensions.map((ext) => `${base}${ext}`).find((file) => existsSync(file));
    if (!codeFile) return [];
    const sourceFile = entrySource(codeFile);
    const folder = sourceFile?.match(/functions\/([^/]+)\/handler\.ts$/)?.[1];
    const variables = (
      resource.Properties?.Environment as { Variables?: Record<string, unknown> } | undefined
    )?.Variables;
    return [
      {
        logicalId,
        name: folder ?? kebabPath(constructPath(resource) ?? [logicalId]),
        bundleDir,
        codeFile,
        exportName: handler.slice(dot + 1),
        ...(sourceFile ? { sourceFile } : {}),
        environment: variables ?? {},
        timeoutSeconds: Number(resource.Properties?.Timeout ?? 3),
      },
    ];
  });
}

/** The function a user names: its folder name (`outbox-relay`) or its logical id. */
export function findFunction(functions: readonly AssemblyFunction[], nameOrId: string): AssemblyFunction {
  const found = functions.find((f) => f.name === nameOrId || f.logicalId === nameOrId);
  if (found) return found;
  throw new AssemblyError(
    `no function "${nameOrId}" in the synthesized template; known: ${functions.map((f) => `${f.name} (${f.logicalId})`).join(', ')}`,
  );
}

/** The handler.ts the bundle was built from, read from its source map (esbuild lists the entry's own file). */
function entrySource(codeFile: string): string | undefined {
  const map = `${codeFile}.map`;
  if (!existsSync(map)) return undefined;
  const { sources } = JSON.parse(readFileSync(map, 'utf8')) as { sources?: string[] };
  const entry = sources?.find((s) => /(^|\/)functions\/[^/]+\/handler\.ts$/.test(s));
  return entry ? resolve(codeFile, '..', entry) : undefined;
}
