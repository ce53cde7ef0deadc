import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { XRayClient } from '@aws-sdk/client-xray';
import { Command } from 'commander';
import { Kafka, logLevel } from 'kafkajs';
import { EnvNames } from '../../../functions/lib/config/env-names.js';
import { createKafka } from '../../../functions/lib/kafka/index.js';
import { defaultPipelineOptions } from '../../pipeline/options.js';
import { localAwsConfig } from '../../stack/config.js';
import { stackEnv } from '../../stack/env.js';
import {
  awsLookups,
  defaultSpanFile,
  followEvent,
  type Journey,
  localLookups,
  localTraceSources,
  renderTimeline,
  stackTraceSources,
} from '../../trace/index.js';
import { durationMs } from '../flags.js';
import { CliError } from '../run.js';

interface TraceFlags {
  readonly prefix: string;
  readonly spans: string;
  readonly stack?: string;
  readonly region?: string;
  readonly brokers?: string;
  readonly json?: boolean;
  readonly window: string;
}

export interface TraceCommandDeps {
  /** @default process.stdout */
  readonly write?: (text: string) => void;
}

/** `eventline trace <event-id>`: an event's journey through the local pipeline or a deployed stack, hop by hop. */
export function traceCommand(deps: TraceCommandDeps = {}): Command {
  const write = deps.write ?? ((text: string) => process.stdout.write(text));
  return new Command('trace')
    .description(
      "Follow one event through the local pipeline or a deployed stack: outbox write, relay produce, each consumer group's outcome, DLQ records and the events it caused",
    )
    .argument('<event-id>', 'the event id (the event-id header, the outbox sort key)')
    .option(
      '--stack <name>',
      'a deployed stack (its outputs name the tables and the cluster; spans come from X-Ray), e.g. Eventline-dev',
    )
    .option('--region <region>', 'with --stack: the stack’s region (default: AWS_REGION or your profile’s)')
    .option('--prefix <prefix>', 'resource name prefix the pipeline ran with', defaultPipelineOptions.prefix)
    .option(
      '--spans <file>',
      `span file the handlers exported to (${EnvNames.traceFile})`,
      process.env[EnvNames.traceFile] ?? defaultSpanFile,
    )
    .option(
      '--brokers <list>',
      'Kafka bootstrap servers, plaintext (default: the local stack; with --stack the cluster’s IAM brokers)',
    )
    .option(
      '--window <duration>',
      'how long after the last outbox write the topics and DLQs are read (90s, 30m, 12h, 2d); the output notes what a window that ended may have left out',
      '1h',
    )
    .option('--json', 'the journey as one JSON document')
    .action(async (eventId: string, flags: TraceFlags) => {
      const windowMs = durationMs(flags.window);
      if (windowMs === undefined || windowMs === 0) {
        throw new CliError(`--window ${flags.window}: give a duration like 30m, 12h or 2d`);
      }
      const journey = flags.stack
        ? await traceInStack(eventId, flags.stack, flags, windowMs)
        : await traceLocally(eventId, flags, windowMs);
      write(flags.json ? `${JSON.stringify(journey, null, 2)}\n` : renderTimeline(journey));
    });
}

async function traceLocally(eventId: string, flags: TraceFlags, windowMs: number): Promise<Journey> {
  const env = stackEnv();
  const brokers = (flags.brokers ?? env[EnvNames.kafkaBrokers] ?? '').split(',').filter(Boolean);
  if (brokers.length === 0) throw new CliError('no brokers: pass --brokers host:port');
  const dynamodb = new DynamoDBClient(localAwsConfig(env[EnvNames.dynamodbEndpoint]));
  const kafka = new Kafka({ clientId: 'eventline-trace', brokers, logLevel: logLevel.NOTHING });
  try {
    return await followEvent(
      eventId,
      localLookups(await localTraceSources(flags.prefix, flags.spans), dynamodb, kafka),
      { windowMs },
    );
  } finally {
    dynamodb.destroy();
  }
}

/**
 * A deployed stack's journey, read with the caller's AWS credentials: DescribeStacks, Query on
 * the outbox's indexes and GetItem/BatchGetItem on the outbox (Scan where an index is missing),
 * GetItem on the idempotency tables, xray:BatchGetTraces, and MSK IAM read access to the topics
 * (kafka-cluster:Connect, DescribeTopic, ReadData, and a group of its own).
 */
async function traceInStack(
  eventId: string,
  stack: string,
  flags: TraceFlags,
  windowMs: number,
): Promise<Journey> {
  const config = flags.region ? { region: flags.region } : {};
  const cloudFormation = new CloudFormationClient(config);
  const dynamodb = new DynamoDBClient(config);
  const xray = new XRayClient(config);
  try {
    const sources = await stackTraceSources(cloudFormation, stack);
    const brokers = flags.brokers?.split(',').filter(Boolean);
    const kafka = await createKafka({
      clientId: 'eventline-trace',
      logLevel: logLevel.NOTHING,
      region: await cloudFormation.config.region(),
      ...(brokers?.length ? { brokers } : { clusterArn: sources.mskClusterArn }),
    });
    return await followEvent(eventId, await awsLookups(eventId, sources, { dynamodb, xray, kafka }), {
      windowMs,
    });
  } finally {
    cloudFormation.destroy();
    dynamodb.destroy();
    xray.destroy();
  }
}
