import type { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import {
  type ClaimTable,
  claimTablesOutputKey,
  parseClaimTables,
} from '../../infra/stacks/claim-tables-output.js';
import { readStackOutputs, requireOutputs } from '../deployed/index.js';

/** Where a deployed stack keeps what `eventline trace --stack` reads. */
export interface StackTraceSources {
  /** `stack <name>`, for messages. */
  readonly source: string;
  readonly outboxTable: string;
  /** Each consumer group and its idempotency table. */
  readonly claimTables: readonly ClaimTable[];
  /** The cluster whose IAM bootstrap brokers the topics are read through. */
  readonly mskClusterArn: string;
}

/** The stack outputs `eventline trace --stack` needs (infra/stacks/eventline-stack.ts). */
export const TraceOutputKeys = {
  outboxTable: 'OutboxTableName',
  mskClusterArn: 'MskClusterArn',
  claimTables: claimTablesOutputKey,
} as const;

/** The trace sources from a deployed stack's outputs; names every output that is missing. */
export async function stackTraceSources(
  cloudFormation: CloudFormationClient,
  stackName: string,
): Promise<StackTraceSources> {
  const source = `stack ${stackName}`;
  const outputs = requireOutputs(
    source,
    await readStackOutputs(cloudFormation, stackName),
    Object.values(TraceOutputKeys),
  );
  return {
    source,
    outboxTable: outputs[TraceOutputKeys.outboxTable],
    claimTables: parseClaimTables(outputs[TraceOutputKeys.claimTables]),
    mskClusterArn: outputs[TraceOutputKeys.mskClusterArn],
  };
}
