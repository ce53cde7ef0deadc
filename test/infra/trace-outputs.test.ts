import { describe, expect, it } from 'vitest';
import { claimTablesOutputKey, parseClaimTables } from '../../infra/stacks/claim-tables-output.js';
import { TraceOutputKeys } from '../../local/trace/index.js';
import { templateFor } from './support/synth.js';

type Joined = { 'Fn::Join': [string, (string | { Ref: string })[]] };

describe('EventlineStack outputs for eventline trace --stack', () => {
  it('names the outbox table, the cluster and each consumer group with its own idempotency table', () => {
    const template = templateFor();
    const outputs = template.findOutputs('*');
    for (const key of Object.values(TraceOutputKeys)) expect(outputs[key], `output ${key}`).toBeDefined();

    // Resolve the joined value as CloudFormation would, each table reference standing for its logical id.
    const [separator, parts] = (outputs[claimTablesOutputKey]?.Value as Joined | undefined)?.['Fn::Join'] ?? [
      '',
      [],
    ];
    const value = parts.map((part) => (typeof part === 'string' ? part : part.Ref)).join(separator);
    const claims = parseClaimTables(value);

    const functions = Object.values(template.findResources('AWS::Lambda::Function')) as {
      Properties: { Environment?: { Variables?: Record<string, unknown> } };
    }[];
    const fromFunctions = functions
      .map((fn) => fn.Properties.Environment?.Variables ?? {})
      .filter((vars) => vars.EVENTLINE_CONSUMER_GROUP !== undefined)
      .map((vars) => ({
        consumerGroup: vars.EVENTLINE_CONSUMER_GROUP,
        table: (vars.EVENTLINE_IDEMPOTENCY_TABLE as { Ref: string }).Ref,
      }));
    expect(claims.map((c) => c.consumerGroup).sort()).toEqual(['fulfilment', 'order-projection']);
    expect(claims).toEqual(expect.arrayContaining(fromFunctions));
    expect(claims).toHaveLength(fromFunctions.length);
  });

  it('reads back the groups and tables it was given, and none from an empty value', () => {
    expect(parseClaimTables('a=t-1,b.c=t-2')).toEqual([
      { consumerGroup: 'a', table: 't-1' },
      { consumerGroup: 'b.c', table: 't-2' },
    ]);
    expect(parseClaimTables('')).toEqual([]);
  });
});
