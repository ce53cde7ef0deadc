import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { Command } from 'commander';
import { Kafka, logLevel } from 'kafkajs';
import { EnvNames } from '../../../functions/lib/config/env-names.js';
import { defaultPipelineOptions } from '../../pipeline/options.js';
import { localAwsConfig } from '../../stack/config.js';
import { stackEnv } from '../../stack/env.js';
import {
  defaultSpanFile,
  followEvent,
  localLookups,
  localTraceSources,
  renderTimeline,
} from '../../trace/index.js';
import { CliError } from '../run.js';

interface TraceFlags {
  readonly prefix: string;
  readonly spans: string;
  readonly brokers?: string;
  readonly json?: boolean;
}

export interface TraceCommandDeps {
  /** @default process.stdout */
  readonly write?: (text: string) => void;
}

/** `eventline trace <event-id>`: an event's journey through the local pipeline, hop by hop. */
export function traceCommand(deps: TraceCommandDeps = {}): Command {
  const write = deps.write ?? ((text: string) => process.stdout.write(text));
  return new Command('trace')
    .description(
      "Follow one event through the local pipeline: outbox write, relay produce, each consumer group's outcome, DLQ records and the events it caused",
    )
    .argument('<event-id>', 'the event id (the event-id header, the outbox sort key)')
    .option('--prefix <prefix>', 'resource name prefix the pipeline ran with', defaultPipelineOptions.prefix)
    .option(
      '--spans <file>',
      `span file the handlers exported to (${EnvNames.traceFile})`,
      process.env[EnvNames.traceFile] ?? defaultSpanFile,
    )
    .option('--brokers <list>', 'Kafka bootstrap servers (default: the local stack)')
    .option('--json', 'the journey as one JSON document')
    .action(async (eventId: string, flags: TraceFlags) => {
      const env = stackEnv();
      const brokers = (flags.brokers ?? env[EnvNames.kafkaBrokers] ?? '').split(',').filter(Boolean);
      if (brokers.length === 0) throw new CliError('no brokers: pass --brokers host:port');
      const dynamodb = new DynamoDBClient(localAwsConfig(env[EnvNames.dynamodbEndpoint]));
      const kafka = new Kafka({ clientId: 'eventline-trace', brokers, logLevel: logLevel.NOTHING });
      try {
        const journey = await followEvent(
          eventId,
          localLookups(await localTraceSources(flags.prefix, flags.spans), dynamodb, kafka),
        );
        write(flags.json ? `${JSON.stringify(journey, null, 2)}\n` : renderTimeline(journey));
      } finally {
        dynamodb.destroy();
      }
    });
}
