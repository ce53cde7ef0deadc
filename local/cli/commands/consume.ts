import { Command } from 'commander';
import { logLevel } from 'kafkajs';
import { loadManifest } from '../../../functions/lib/manifest/index.js';
import { createSerde, type Serde } from '../../../functions/lib/serde/index.js';
import { type ConnectionFlags, kafkaFor, withConnection } from '../../kafka/connection.js';
import { readRecords } from '../../kafka/read-records.js';
import { parseStartAt, partitionRanges } from '../../kafka/start-offsets.js';
import { partitionList, positiveInt } from '../flags.js';
import { recordLine } from '../record-line.js';
import {
  localRegistryClient,
  type RegistryFlags,
  registryOrApicurio,
  withRegistryFlags,
} from '../registry-flags.js';
import { CliError } from '../run.js';
import { withSchemasDir } from './schemas.js';

interface ConsumeFlags extends ConnectionFlags, RegistryFlags {
  readonly schemas: string;
  readonly from: string;
  readonly partitions?: string;
  readonly max?: string;
  readonly follow?: boolean;
  readonly timeout?: string;
  readonly raw?: boolean;
}

/** Without --follow, a stalled broker still ends the run after this long without a record. */
const defaultBoundedTimeoutSeconds = 30;

function serdeFor(flags: ConsumeFlags): Serde | undefined {
  if (flags.raw) return undefined;
  const registry = registryOrApicurio(flags, () => loadManifest(flags.schemas).glueRegistryName);
  return createSerde({ registry, client: localRegistryClient(registry) });
}

async function consume(topic: string, flags: ConsumeFlags): Promise<void> {
  const from = parseStartAt(flags.from);
  const partitions = partitionList(flags.partitions);
  const max = positiveInt('--max', flags.max);
  const timeoutSeconds =
    positiveInt('--timeout', flags.timeout) ?? (flags.follow ? undefined : defaultBoundedTimeoutSeconds);
  const serde = serdeFor(flags);
  const kafka = await kafkaFor(flags, { clientId: 'eventline-consume', logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  let ranges: Awaited<ReturnType<typeof partitionRanges>>;
  try {
    if (!(await admin.listTopics()).includes(topic)) throw new CliError(`topic ${topic} does not exist`);
    ranges = await partitionRanges(admin, topic, from, partitions);
  } finally {
    await admin.disconnect();
  }
  await readRecords(
    kafka,
    ranges.map((range) => ({ topic, ...range })),
    async ({ partition, message }) => {
      process.stdout.write(await recordLine(topic, partition, message, serde));
    },
    {
      follow: flags.follow ?? false,
      ...(max !== undefined ? { max } : {}),
      ...(timeoutSeconds !== undefined ? { idleTimeoutMs: timeoutSeconds * 1000 } : {}),
      onIdle: () => process.stderr.write(`eventline: no record for ${timeoutSeconds} s, stopping\n`),
    },
  );
}

/** `eventline consume <topic>`: print records as JSON lines, values decoded through the registry. */
export function consumeCommand(): Command {
  return withSchemasDir(
    withRegistryFlags(withConnection(new Command('consume')), {
      when: "default: the local stack's Apicurio",
    }),
  )
    .description('print the records of a topic as JSON lines, values decoded through the registry')
    .argument('<topic>', 'the topic to read')
    .option('--from <where>', 'beginning, end, an offset, or an ISO-8601 time', 'beginning')
    .option('--partitions <list>', 'only these partitions (comma-separated; default: all)')
    .option('--max <n>', 'stop after n records')
    .option('--follow', 'keep reading new records after the end (stop with Ctrl-C)')
    .option(
      '--timeout <seconds>',
      `stop when no record arrived for this long (default: ${defaultBoundedTimeoutSeconds} s; never with --follow)`,
    )
    .option('--raw', 'print the key and value bytes as hex instead of decoding them')
    .action((topic: string, flags: ConsumeFlags) => consume(topic, flags));
}
