import type { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { DeployedStackError, readStackOutputs, requireOutputs } from '../deployed/index.js';
import { SmokeError } from './errors.js';

/** The deployed resources a smoke test writes to and reads from. */
export interface SmokeTargets {
  /** Where the targets came from, for the report (`stack Eventline-dev`, `local prefix eventline`). */
  readonly source: string;
  readonly outboxTable: string;
  readonly readModelTable: string;
  readonly fulfilmentTable: string;
}

/** The stack outputs a smoke test needs, by output key (infra/stacks/eventline-stack.ts). */
export const SmokeOutputKeys = {
  outboxTable: 'OutboxTableName',
  readModelTable: 'OrderReadModelTableName',
  fulfilmentTable: 'FulfilmentTableName',
} as const;

/** Reads the targets from a deployed stack's outputs; names every output that is missing. */
export async function targetsFromStack(
  cloudFormation: CloudFormationClient,
  stackName: string,
): Promise<SmokeTargets> {
  let outputs: Record<string, string>;
  try {
    outputs = await readStackOutputs(cloudFormation, stackName);
  } catch (error) {
    throw asSmokeError(error);
  }
  return targetsFromOutputs(`stack ${stackName}`, outputs);
}

/** The targets from a map of output key to value (a deployed stack's, or the local assembly's). */
export function targetsFromOutputs(source: string, outputs: Readonly<Record<string, string>>): SmokeTargets {
  let found: Record<string, string>;
  try {
    found = requireOutputs(source, outputs, Object.values(SmokeOutputKeys));
  } catch (error) {
    throw asSmokeError(error);
  }
  return {
    source,
    outboxTable: found[SmokeOutputKeys.outboxTable] as string,
    readModelTable: found[SmokeOutputKeys.readModelTable] as string,
    fulfilmentTable: found[SmokeOutputKeys.fulfilmentTable] as string,
  };
}

/** The smoke report names its own failures: a stack that cannot be read fails the smoke test. */
function asSmokeError(error: unknown): unknown {
  return error instanceof DeployedStackError ? new SmokeError(error.message, { cause: error }) : error;
}
