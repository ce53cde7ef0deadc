import type {
  AssemblyFunction,
  LocalAssembly,
  LocalResources,
  MappingSettings,
  RegistryChoice,
} from '../assembly/index.js';
import { localEnvironment, localTargets } from '../assembly/index.js';
import {
  FunctionSandbox,
  type LambdaHandler,
  type SourceRecord,
  type TriggerObserver,
} from '../triggers/index.js';
import type { PipelineClients } from './clients.js';
import { PipelineError } from './errors.js';
import type { ResourceScope } from './scope.js';
import { type LocalTriggerSettings, type StartedTrigger, startTrigger } from './triggers.js';

/** A function running behind its triggers, with the environment it was given. */
export interface RunningFunction {
  readonly fn: AssemblyFunction;
  readonly env: Readonly<Record<string, string>>;
  /** The local consumer group and topics of each Kafka mapping. */
  readonly groups: readonly { readonly id: string; readonly topics: readonly string[] }[];
}

export interface StartFunctionsInput {
  readonly assembly: LocalAssembly;
  readonly resources: LocalResources;
  readonly registry: RegistryChoice;
  readonly prefix: string;
  readonly clients: PipelineClients;
  readonly settings: LocalTriggerSettings;
  readonly observer: TriggerObserver;
  /** The stream mappings' positions table. */
  readonly positionsTable: string;
  /** What the Kafka mappings deliver (see acceptsRecordsOf). */
  readonly accepts: (record: SourceRecord) => boolean;
  readonly functionLogs: NodeJS.WritableStream;
  readonly scope: ResourceScope;
  /** Lets the run observe a function's invocations (the taps of the live view). */
  readonly wrap: (fn: AssemblyFunction, mapping: MappingSettings, handler: LambdaHandler) => LambdaHandler;
  readonly log: (line: string) => void;
}

/**
 * Every function an event source mapping of the template invokes: its staged bundle in a sandbox
 * per mapping (each mapping invokes its own execution environments in AWS), with the template's
 * environment resolved to the local resources, behind a local trigger configured from the mapping.
 * The mappings start side by side: most of a start is a cold start and a consumer group join,
 * and one after the other they took ten seconds before the first order.
 */
export async function startFunctions(input: StartFunctionsInput): Promise<RunningFunction[]> {
  const { assembly } = input;
  const targets = localTargets(assembly.template, input.resources);
  const starts = assembly.functions.flatMap((fn) => {
    const mappings = assembly.mappings.filter((m) => m.functionLogicalId === fn.logicalId);
    if (mappings.length === 0) return [];
    const env = localEnvironment(fn, targets, input.registry);
    return [
      { fn, env, mappings, triggers: mappings.map((mapping) => startMapping(fn, env, mapping, input)) },
    ];
  });
  // Every start settles before any failure is thrown, so each one that did start is in the
  // scope by then and is stopped with the rest.
  const settled = await Promise.allSettled(starts.flatMap((s) => s.triggers));
  const failed = settled.find((outcome) => outcome.status === 'rejected');
  if (failed) throw failed.reason;
  const running: RunningFunction[] = [];
  for (const { fn, env, mappings, triggers } of starts) {
    const groups = (await Promise.all(triggers)).flatMap((t) => (t.group ? [t.group] : []));
    running.push({ fn, env, groups });
    input.log(`${fn.name}: ${fn.codeFile} behind ${mappings.length} trigger(s) from ${fn.logicalId}`);
  }
  if (running.length === 0)
    throw new PipelineError('the synthesized template has no function with an event source mapping');
  return running;
}

/** One mapping: a sandbox running the function's bundle, and the local trigger in front of it. */
async function startMapping(
  fn: AssemblyFunction,
  env: Record<string, string>,
  mapping: MappingSettings,
  input: StartFunctionsInput,
): Promise<StartedTrigger> {
  const sandbox = await input.scope.use(
    `${fn.name} sandbox`,
    async () => {
      const s = new FunctionSandbox({
        functionName: fn.name,
        modulePath: fn.codeFile,
        exportName: fn.exportName,
        env,
        logs: input.functionLogs,
      });
      await s.start();
      return s;
    },
    (s) => s.stop(),
  );
  const trigger = await startTrigger(mapping, input.wrap(fn, mapping, sandbox.handler), {
    functionName: fn.name,
    timeoutMs: fn.timeoutSeconds * 1000,
    prefix: input.prefix,
    resources: input.resources,
    clients: input.clients,
    settings: input.settings,
    observer: input.observer,
    positionsTable: input.positionsTable,
    accepts: input.accepts,
  });
  input.scope.defer(`${fn.name} trigger ${mapping.logicalId}`, trigger.stop);
  return trigger;
}
