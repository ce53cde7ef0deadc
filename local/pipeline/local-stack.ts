import { stopServer } from '../stack/process.js';
import type { ServiceDefinition } from '../stack/service.js';
import { type Progress, services, type UpResult, upServices } from '../stack/stack.js';
import type { ResourceScope } from './scope.js';

export interface LocalStackUse {
  /** Leave running what this run started (`--keep-stack`). @default false */
  readonly keep?: boolean;
  /** @default every service of the local stack */
  readonly services?: readonly ServiceDefinition[];
  readonly progress?: Progress;
  readonly log?: (line: string) => void;
}

/**
 * Starts what is not running of the local stack for a run. Unless `keep`, the scope stops again
 * the services this run started, and only those: a service that was already answering belongs
 * to whoever started it (another run, the test suite, `stack up`).
 */
export async function useLocalStack(scope: ResourceScope, use: LocalStackUse = {}): Promise<UpResult> {
  const up = await upServices(use.services ?? services, use.progress);
  if (!use.keep && up.started.length > 0) {
    scope.defer(`local stack (${up.started.join(', ')})`, async () => {
      use.log?.(`stack: stopping ${up.started.join(', ')}, started by this run (--keep-stack keeps them)`);
      await Promise.all(up.started.map((name) => stopServer(name)));
    });
  }
  return up;
}
