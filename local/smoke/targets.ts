import { type CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
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
    const described = await cloudFormation.send(new DescribeStacksCommand({ StackName: stackName }));
    const stack = described.Stacks?.[0];
    if (!stack) throw new SmokeError(`stack ${stackName} not found`);
    outputs = Object.fromEntries((stack.Outputs ?? []).map((o) => [o.OutputKey ?? '', o.OutputValue ?? '']));
  } catch (error) {
    if (error instanceof SmokeError) throw error;
    throw new SmokeError(`cannot read the outputs of stack ${stackName}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  return targetsFromOutputs(`stack ${stackName}`, outputs);
}

/** The targets from a map of output key to value (a deployed stack's, or the local assembly's). */
export function targetsFromOutputs(source: string, outputs: Readonly<Record<string, string>>): SmokeTargets {
  const missing = Object.values(SmokeOutputKeys).filter((key) => !outputs[key]);
  if (missing.length > 0) {
    throw new SmokeError(
      `${source} has no output ${missing.join(', ')}; deploy the current infra/ (it declares them) and try again`,
    );
  }
  return {
    source,
    outboxTable: outputs[SmokeOutputKeys.outboxTable] as string,
    readModelTable: outputs[SmokeOutputKeys.readModelTable] as string,
    fulfilmentTable: outputs[SmokeOutputKeys.fulfilmentTable] as string,
  };
}
