import { readFile, writeFile } from 'node:fs/promises';
import { text } from 'node:stream/consumers';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { Argument, Command, Option } from 'commander';
import { EnvNames } from '../../../functions/lib/config/env-names.js';
import { loadManifest, type ManifestTopic } from '../../../functions/lib/manifest/index.js';
import { createRegistryClient, type RegistryOptions } from '../../../functions/lib/registry/index.js';
import { createSerde } from '../../../functions/lib/serde/index.js';
import { type RegistryChoice, registryEnv } from '../../assembly/index.js';
import { type BatchRecord, generateMskBatch, readJsonLines, samplePayload } from '../../events/index.js';
import { generateOutboxStreamEvent } from '../../pipeline/test-events.js';
import { localAws } from '../../stack/config.js';
import { stackEnv } from '../../stack/env.js';
import { positiveInt } from '../flags.js';
import { localPipelineRegistry, type RegistryFlags, withRegistryFlags } from '../registry-flags.js';
import { CliError } from '../run.js';

interface GenerateFlags extends RegistryFlags {
  readonly topic: string;
  readonly payload?: string;
  readonly lines?: string;
  readonly key?: string;
  readonly partition?: string;
  readonly offset: string;
  readonly out?: string;
}

interface SampleFlags {
  readonly topic: string;
  readonly count?: string;
}

/** `eventline events generate|sample`: Lambda test events and example payloads for the local handlers. */
export function eventsCommand(): Command {
  const events = new Command('events').description(
    'Lambda test events and sample payloads for the local handlers',
  );
  withRegistryFlags(events.command('generate'), {
    when: "default: apicurio; the local functions run against the local stack's registries only",
    glueEndpoint: false,
  })
    .description(
      'write a test event: an MSK event encoded with the registry, or the outbox stream event the relay receives',
    )
    .addArgument(new Argument('<kind>', 'event kind').choices(['msk', 'ddb-stream']))
    .requiredOption('--topic <topic>', 'a manifest topic, e.g. orders.order.paid')
    .addOption(
      new Option(
        '--payload <file>',
        'one payload as JSON (what the schema describes); - reads stdin',
      ).conflicts('lines'),
    )
    .option('--lines <file>', 'JSON lines, one payload per line, all in one event; - reads stdin')
    .option(
      '--key <aggregateId>',
      "the aggregate id / Kafka key of every record (default: the payload's orderId, or order_id in Protobuf)",
    )
    .option(
      '--partition <n>',
      "msk: put every record on this partition (default: the partition the relay's producer picks for the key)",
    )
    .option('--offset <n>', 'msk: offset of the first record on each partition; the next ones count up', '0')
    .option('--out <file>', 'write the event here instead of stdout')
    .action(async (kind: 'msk' | 'ddb-stream', flags: GenerateFlags) => {
      const registry = localPipelineRegistry(flags);
      if (kind === 'ddb-stream' && (flags.partition !== undefined || flags.offset !== '0')) {
        throw new CliError('--partition and --offset place MSK records; a ddb-stream event has neither');
      }
      const topic = manifestTopic(flags.topic);
      const records = (await payloadsOf(flags)).map((payload, i, all) => ({
        payload,
        key: flags.key ?? keyOf(payload, topic, all.length > 1 ? i + 1 : undefined),
      }));
      const event =
        kind === 'msk'
          ? await generateMskBatch(records, serdeFor(registry), {
              topic,
              bootstrapServers: stackEnv()[EnvNames.kafkaBrokers] as string,
              partition: nonNegativeInt('--partition', flags.partition),
              startOffset: nonNegativeInt('--offset', flags.offset),
            })
          : outboxStreamEvent(records, topic);
      const out = `${JSON.stringify(event, null, 2)}\n`;
      if (flags.out) await writeFile(flags.out, out);
      else process.stdout.write(out);
    });
  events
    .command('sample')
    .description(
      "print example payloads built from the topic's schema, one JSON line each (input for generate)",
    )
    .requiredOption('--topic <topic>', 'a manifest topic, e.g. orders.order.paid')
    .option('--count <n>', 'how many samples; ids count up from 0001 so keys spread over partitions', '1')
    .action((flags: SampleFlags) => {
      const topic = manifestTopic(flags.topic);
      const count = positiveInt('--count', flags.count) ?? 1;
      const lines = Array.from({ length: count }, (_, i) =>
        JSON.stringify(samplePayload(topic.value, i + 1)),
      );
      process.stdout.write(`${lines.join('\n')}\n`);
    });
  return events;
}

function manifestTopic(name: string): ManifestTopic {
  try {
    return loadManifest().topic(name);
  } catch (error) {
    throw new CliError((error as Error).message);
  }
}

async function payloadsOf(flags: GenerateFlags): Promise<unknown[]> {
  if (flags.lines !== undefined) return readJsonLines(flags.lines);
  if (flags.payload !== undefined) return [await readJson(flags.payload)];
  throw new CliError('pass --payload <file> for one record or --lines <file> for a batch');
}

/** The outbox stream event of a batch: one INSERT per payload, in order, as one transaction's items arrive. */
function outboxStreamEvent(records: readonly BatchRecord[], topic: ManifestTopic) {
  const streamArn = `arn:aws:dynamodb:${localAws.region}:000000000000:table/eventline-outbox-table/stream/local`;
  const Records = records.flatMap(
    ({ payload, key }) => generateOutboxStreamEvent({ topic, payload, key }, streamArn).Records,
  );
  return { Records } satisfies DynamoDBStreamEvent;
}

function serdeFor(choice: RegistryChoice) {
  const env = registryEnv(choice);
  const registry: RegistryOptions =
    choice === 'glue'
      ? {
          kind: 'glue',
          registryName: env[EnvNames.glueRegistryName] as string,
          endpoint: stackEnv()[EnvNames.glueEndpoint] as string,
          region: localAws.region,
        }
      : { kind: 'confluent', url: env[EnvNames.registryUrl] as string };
  return createSerde({ registry, client: createRegistryClient(registry), autoRegister: true });
}

/** The aggregate id field of a payload: `orderId`, or `order_id` as Protobuf schemas spell it. */
function keyOf(payload: unknown, topic: ManifestTopic, position: number | undefined): string {
  const camel = `${topic.aggregateType.charAt(0).toLowerCase()}${topic.aggregateType.slice(1)}Id`;
  const snake = camel.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
  const p = payload as Record<string, unknown> | null;
  const id = p?.[camel] ?? p?.[snake];
  if (typeof id !== 'string' || id === '') {
    const where = position === undefined ? 'the payload' : `payload ${position} of the batch`;
    throw new CliError(`${where} has no string ${camel} or ${snake}; pass --key <aggregateId>`);
  }
  return id;
}

function nonNegativeInt(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 0)
    throw new CliError(`${name} ${value}: expected a non-negative integer`);
  return n;
}

async function readJson(file: string): Promise<unknown> {
  try {
    return JSON.parse(file === '-' ? await text(process.stdin) : await readFile(file, 'utf8'));
  } catch (error) {
    throw new CliError(`cannot read JSON from ${file === '-' ? 'stdin' : file}: ${(error as Error).message}`);
  }
}
