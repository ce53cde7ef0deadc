import { type CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { DeployedStackError } from './errors.js';

/** A deployed stack's outputs, by output key; the commands that work on a deployed stack start here. */
export async function readStackOutputs(
  cloudFormation: CloudFormationClient,
  stackName: string,
): Promise<Record<string, string>> {
  try {
    const described = await cloudFormation.send(new DescribeStacksCommand({ StackName: stackName }));
    const stack = described.Stacks?.[0];
    if (!stack) throw new DeployedStackError(`stack ${stackName} not found`);
    return Object.fromEntries((stack.Outputs ?? []).map((o) => [o.OutputKey ?? '', o.OutputValue ?? '']));
  } catch (error) {
    if (error instanceof DeployedStackError) throw error;
    throw new DeployedStackError(
      `cannot read the outputs of stack ${stackName}: ${(error as Error).message}`,
      { cause: error },
    );
  }
}

/** The outputs under these keys; names every missing one, and what to do about it. */
export function requireOutputs<K extends string>(
  source: string,
  outputs: Readonly<Record<string, string>>,
  keys: readonly K[],
): Record<K, string> {
  const missing = keys.filter((key) => !outputs[key]);
  if (missing.length > 0) {
    throw new DeployedStackError(
      `${source} has no output ${missing.join(', ')}; deploy the current infra/ (it declares them) and try again`,
    );
  }
  return Object.fromEntries(keys.map((key) => [key, outputs[key]])) as Record<K, string>;
}
