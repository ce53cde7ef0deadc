import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { Command } from 'commander';
import { EnvNames } from '../../../functions/lib/config/env-names.js';
import { loadManifest } from '../../../functions/lib/manifest/index.js';
import { loadAssembly, localTableOutputs } from '../../assembly/index.js';
import {
  runSmoke,
  type SmokeLeg,
  type SmokeTargets,
  targetsFromOutputs,
  targetsFromStack,
} from '../../smoke/index.js';
import { localAwsConfig } from '../../stack/config.js';
import { stackEnv } from '../../stack/env.js';
import { CliError } from '../run.js';

interface SmokeFlags {
  readonly stack?: string;
  readonly region?: string;
  readonly local?: boolean;
  readonly prefix: string;
  readonly timeout: string;
  readonly json?: boolean;
}

/** `eventline smoke --stack <name>`: a post-deploy check that one order flows end to end. */
export function smokeCommand(): Command {
  return new Command('smoke')
    .description(
      'place one order through the outbox of a deployed stack (or the local pipeline) and time each leg to the projection and the fulfilment',
    )
    .option('--stack <name>', 'the deployed stack (its outputs name the tables), e.g. Eventline-dev')
    .option('--region <region>', 'the stack’s region (default: AWS_REGION or your profile’s)')
    .option('--local', 'run against the pipeline of a running `npm start` on the local stack')
    .option('--prefix <prefix>', 'with --local: the resource prefix of that `npm start`', 'eventline')
    .option('--timeout <seconds>', 'give up on a leg after this long', '60')
    .option('--json', 'print one JSON line instead of the table')
    .action(async (flags: SmokeFlags) => {
      if (Boolean(flags.stack) === Boolean(flags.local)) {
        throw new CliError(
          'name a deployed stack with --stack <name>, or use --local for the local pipeline',
          2,
        );
      }
      const { dynamodb, targets } = flags.stack
        ? await awsTargets(flags.stack, flags.region)
        : await localTargets(flags.prefix);
      const print = (line: string) => {
        if (!flags.json) process.stdout.write(`${line}\n`);
      };
      print(`eventline smoke · ${targets.source}`);
      try {
        const result = await runSmoke({
          dynamodb,
          manifest: loadManifest(),
          targets,
          timeoutMs: Number(flags.timeout) * 1000,
          onLeg: (leg) => print(formatLeg(leg)),
        });
        if (flags.json)
          process.stdout.write(`${JSON.stringify({ ok: true, source: targets.source, ...result })}\n`);
        else print(`ok · order ${result.orderId} (read-side figures are ±50 ms: the tables are polled)`);
      } catch (error) {
        if (flags.json) {
          process.stdout.write(
            `${JSON.stringify({ ok: false, source: targets.source, error: (error as Error).message })}\n`,
          );
        }
        throw error;
      } finally {
        dynamodb.destroy();
      }
    });
}

function formatLeg(leg: SmokeLeg): string {
  return `  ${leg.name.padEnd(18)} ${`${leg.ms} ms`.padStart(8)}  ${leg.description}`;
}

async function awsTargets(stack: string, region: string | undefined) {
  const config = region ? { region } : {};
  const cloudFormation = new CloudFormationClient(config);
  try {
    const targets = await targetsFromStack(cloudFormation, stack);
    return { dynamodb: new DynamoDBClient(config), targets };
  } finally {
    cloudFormation.destroy();
  }
}

/**
 * The local pipeline's targets: the synthesized template's outputs, as a deployed stack has them,
 * with each table reference resolved to the name `npm start --prefix` gave that table.
 */
async function localTargets(prefix: string): Promise<{ dynamodb: DynamoDBClient; targets: SmokeTargets }> {
  const { template } = await loadAssembly({ log: (line) => process.stderr.write(`${line}\n`) });
  const outputs = localTableOutputs(template, prefix);
  const targets = targetsFromOutputs(`local prefix ${prefix}`, outputs);
  const dynamodb = new DynamoDBClient(localAwsConfig(stackEnv()[EnvNames.dynamodbEndpoint]));
  return { dynamodb, targets };
}
