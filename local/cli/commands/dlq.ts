import { Command } from 'commander';
import {
  type DlqEntry,
  DlqReasons,
  dlqTopicOf,
  isDlqReason,
  isDlqTopic,
  NotADlqRecordError,
  parseDlqRecord,
  replayMessage,
} from '../../../functions/lib/dlq/index.js';
import { createManagedProducer } from '../../../functions/lib/kafka/index.js';
import { loadManifest } from '../../../functions/lib/manifest/index.js';
import type { RegistryOptions } from '../../../functions/lib/registry/index.js';
import type { SchemaRegistryClient } from '../../../functions/lib/registry/types.js';
import { createSerde } from '../../../functions/lib/serde/index.js';
import { dlqOverview, formatOverview } from '../../dlq/overview.js';
import { readDlqTopics } from '../../dlq/read-topics.js';
import { type ConnectionFlags, kafkaFor, withConnection } from '../../kafka/connection.js';
import {
  localRegistryClient,
  type RegistryFlags,
  registryFromFlags,
  withRegistryFlags,
} from '../registry-flags.js';
import { CliError } from '../run.js';

export type RegistryClientFactory = (registry: RegistryOptions) => SchemaRegistryClient;

export interface DlqCommandDeps {
  /** Builds registry clients for `show --registry/--glue-registry`. @default localRegistryClient */
  readonly registryClient?: RegistryClientFactory;
  /** @default process.stdout */
  readonly write?: (text: string) => void;
}

/** `eventline dlq [list|show|replay]`: count every DLQ topic's records, inspect `<topic>.dlq`, send chosen records back. */
export function dlqCommand(deps: DlqCommandDeps = {}): Command {
  const write = deps.write ?? ((text: string) => process.stdout.write(text));
  const command = withConnection(
    new Command('dlq').description(
      'Inspect dead-letter topics and replay their records; alone, count the records of every DLQ topic',
    ),
  )
    .option('--group <group>', 'count only the records this consumer group dead-lettered')
    .option('--json', 'one JSON object per DLQ topic')
    .action(async (flags: ConnectionFlags & GroupFlag & { json?: boolean }) => {
      const kafka = await kafkaFor(flags, { clientId: 'eventline-dlq' });
      const admin = kafka.admin();
      await admin.connect();
      const topics = (await admin.listTopics().finally(() => admin.disconnect())).filter(isDlqTopic);
      const overview = dlqOverview(topics, await readDlqTopics(kafka, topics), flags.group);
      if (flags.json) for (const topic of overview) write(`${JSON.stringify(topic)}\n`);
      else write(formatOverview(overview));
    });

  withGroup(withConnection(command.command('list <topic>')))
    .description('List the records of <topic>.dlq with their reasons')
    .option('--json', 'one JSON object per line')
    .action(async (topic: string, _flags: unknown, list: Command) => {
      const flags = allFlags<{ json?: boolean }>(list);
      const { entries, foreign } = await readEntries(flags, dlqTopicName(topic));
      for (const entry of entries) {
        write(flags.json ? `${JSON.stringify(summary(entry))}\n` : `${line(entry)}\n`);
      }
      if (!flags.json) write(`${entries.length} record(s) in ${dlqTopicName(topic)}${skipped(foreign)}\n`);
    });

  const showCommand = withGroup(withConnection(command.command('show <topic> <position>'))).description(
    'Show one DLQ record (position = partition:offset), decoded when a registry is given',
  );
  withRegistryFlags(showCommand, {
    when: 'the value is decoded with it (printed as base64 without one)',
  }).action(async (topic: string, position: string, _flags: unknown, show: Command) => {
    const flags = allFlags<RegistryFlags>(show);
    const registry = registryFromFlags(flags, () => loadManifest().glueRegistryName);
    const wanted = parsePosition(position);
    const entry = (await readEntries(flags, dlqTopicName(topic))).entries.find(
      (e) => e.partition === wanted.partition && e.offset === wanted.offset,
    );
    if (!entry) throw new CliError(`no record at ${position} in ${dlqTopicName(topic)}${ofGroup(flags)}`);
    const registryClient = deps.registryClient ?? localRegistryClient;
    write(`${JSON.stringify(await detail(entry, registry, registryClient), null, 2)}\n`);
  });

  withGroup(withConnection(command.command('replay <topic> [positions...]')))
    .description('Send DLQ records back to their original topic, marked as replays')
    .option('--all', 'replay every record of the DLQ topic')
    .option('--reason <reason>', 'only records with this dlq-reason')
    .option('--force', `also replay records whose reason is ${DlqReasons.deserialization}`)
    .option('--dry-run', 'list what would be replayed and what would be refused (and why), send nothing')
    .action(async (topic: string, positions: string[], _flags: unknown, replay: Command) => {
      const flags = allFlags<{ all?: boolean; reason?: string; force?: boolean; dryRun?: boolean }>(replay);
      if (!flags.all && positions.length === 0)
        throw new CliError('name records as partition:offset, or use --all');
      if (flags.reason !== undefined && !isDlqReason(flags.reason)) {
        throw new CliError(`--reason must be one of ${Object.values(DlqReasons).join(', ')}`);
      }
      const { entries, foreign } = await readEntries(flags, dlqTopicName(topic));
      const chosen = select(entries, positions, flags.all ?? false, flags.reason, flags.group);
      const refused = flags.force ? [] : chosen.filter((e) => e.reason === DlqReasons.deserialization);
      const why =
        `reason ${DlqReasons.deserialization} (the bytes will not decode on the original topic either); ` +
        'use --force to replay anyway';
      if (flags.dryRun) {
        for (const entry of chosen) {
          write(`${refused.includes(entry) ? 'would refuse' : 'would replay'} ${line(entry)}\n`);
        }
        if (refused.length > 0) write(`would refuse ${refused.map(position).join(', ')}: ${why}\n`);
        write(
          `${chosen.length - refused.length} record(s) would be replayed, ${refused.length} refused${skipped(foreign)}; nothing sent\n`,
        );
        return;
      }
      if (refused.length > 0)
        throw new CliError(`refusing to replay ${refused.map(position).join(', ')}: ${why}`);
      for (const entry of chosen) write(`replaying ${line(entry)}\n`);
      if (chosen.length > 0) await send(flags, chosen);
      write(`${chosen.length} record(s) replayed\n`);
    });
  return command;
}

interface GroupFlag {
  readonly group?: string;
}

function withGroup(command: Command): Command {
  return command.option('--group <group>', 'only the records this consumer group dead-lettered');
}

/**
 * A subcommand's flags with those the `dlq` command itself took: it declares the connection flags,
 * --group and --json for its overview, so Commander hands them to it even after a subcommand's name.
 */
function allFlags<T>(command: Command): ConnectionFlags & GroupFlag & T {
  return command.optsWithGlobals<ConnectionFlags & GroupFlag & T>();
}

function ofGroup(flags: GroupFlag): string {
  return flags.group === undefined ? '' : ` from group ${flags.group}`;
}

/** `<topic>.dlq` by dlqTopicOf; a name that already is a DLQ topic stays as it is. */
function dlqTopicName(topic: string): string {
  return isDlqTopic(topic) ? topic : dlqTopicOf(topic);
}

/**
 * The DLQ topic's records, parsed, only those `--group` dead-lettered when given. Records without
 * the DLQ headers (written by anything but the consumer middleware) are counted, not returned:
 * there is no original topic to replay them to.
 */
async function readEntries(
  flags: ConnectionFlags & GroupFlag,
  dlqTopic: string,
): Promise<{ entries: DlqEntry[]; foreign: number }> {
  const kafka = await kafkaFor(flags, { clientId: 'eventline-dlq' });
  const admin = kafka.admin();
  await admin.connect();
  const exists = (await admin.listTopics().finally(() => admin.disconnect())).includes(dlqTopic);
  if (!exists) throw new CliError(`topic ${dlqTopic} does not exist`);
  const entries: DlqEntry[] = [];
  let foreign = 0;
  for (const record of await readDlqTopics(kafka, [dlqTopic])) {
    let entry: DlqEntry;
    try {
      entry = parseDlqRecord(record);
    } catch (error) {
      if (!(error instanceof NotADlqRecordError)) throw error;
      // Such a record names no group, so a group filter leaves it out of the count as well.
      if (flags.group === undefined) foreign += 1;
      continue;
    }
    if (flags.group === undefined || entry.consumerGroup === flags.group) entries.push(entry);
  }
  return { entries, foreign };
}

function skipped(foreign: number): string {
  return foreign === 0 ? '' : ` (${foreign} without DLQ headers skipped)`;
}

async function send(flags: ConnectionFlags, entries: readonly DlqEntry[]): Promise<void> {
  const producer = createManagedProducer(() => kafkaFor(flags, { clientId: 'eventline-dlq' }));
  const now = new Date();
  const byTopic = new Map<string, ReturnType<typeof replayMessage>[]>();
  for (const entry of entries) {
    const message = replayMessage(entry, now);
    byTopic.set(message.topic, [...(byTopic.get(message.topic) ?? []), message]);
  }
  try {
    await producer.sendBatch(
      [...byTopic].map(([topic, messages]) => ({
        topic,
        messages: messages.map(({ key, value, headers }) => ({ key, value, headers })),
      })),
    );
  } finally {
    await producer.disconnect();
  }
}

function select(
  entries: readonly DlqEntry[],
  positions: readonly string[],
  all: boolean,
  reason: string | undefined,
  group: string | undefined,
): DlqEntry[] {
  const byReason = entries.filter((e) => reason === undefined || e.reason === reason);
  if (all) return byReason;
  return positions.map((text) => {
    const wanted = parsePosition(text);
    const entry = byReason.find((e) => e.partition === wanted.partition && e.offset === wanted.offset);
    if (!entry) {
      throw new CliError(
        `no record at ${text}${reason ? ` with reason ${reason}` : ''}${ofGroup({ group })}`,
      );
    }
    return entry;
  });
}

function parsePosition(text: string): { partition: number; offset: string } {
  const match = /^(\d+):(\d+)$/.exec(text);
  if (!match) throw new CliError(`"${text}" is not partition:offset`);
  return { partition: Number(match[1]), offset: String(Number(match[2])) };
}

function position(entry: DlqEntry): string {
  return `${entry.partition}:${entry.offset}`;
}

function line(entry: DlqEntry): string {
  return [
    position(entry),
    entry.reason,
    `from ${entry.originalTopic}/${entry.originalPartition}/${entry.originalOffset}`,
    `group ${entry.consumerGroup}`,
    `at ${entry.failedAt}`,
    `${entry.errorClass}: ${entry.errorMessage}`,
  ].join('  ');
}

function summary(entry: DlqEntry) {
  return {
    position: position(entry),
    reason: entry.reason,
    originalTopic: entry.originalTopic,
    originalPartition: entry.originalPartition,
    originalOffset: entry.originalOffset,
    consumerGroup: entry.consumerGroup,
    failedAt: entry.failedAt,
    errorClass: entry.errorClass,
    errorMessage: entry.errorMessage,
  };
}

async function detail(
  entry: DlqEntry,
  registry: RegistryOptions | undefined,
  registryClient: RegistryClientFactory,
) {
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(entry.originalHeaders)) {
    headers[name] = Array.isArray(value) ? value.map(printable) : printable(value);
  }
  return {
    ...summary(entry),
    originalTimestamp: entry.originalTimestamp,
    key: entry.key === null ? null : printable(entry.key),
    headers,
    value: await decodedValue(entry, registry, registryClient),
  };
}

async function decodedValue(
  entry: DlqEntry,
  registry: RegistryOptions | undefined,
  registryClient: RegistryClientFactory,
): Promise<unknown> {
  if (entry.value === null) return null;
  const raw = { base64: entry.value.toString('base64') };
  if (!registry) return raw;
  try {
    const decoded = await createSerde({ registry, client: registryClient(registry) }).decode(entry.value, {
      headers: Object.fromEntries(
        Object.entries(entry.originalHeaders).map(([name, value]) => [
          name,
          Array.isArray(value) ? value.at(-1) : value,
        ]),
      ),
    });
    return { schemaId: decoded.schemaId, format: decoded.format, decoded: decoded.value };
  } catch (error) {
    return { ...raw, decodeError: `${(error as Error).name}: ${(error as Error).message}` };
  }
}

/** UTF-8 when the bytes are text, base64 otherwise. */
function printable(bytes: Buffer): string {
  const text = bytes.toString('utf8');
  const control = [...bytes].some((b) => b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d);
  return !control && Buffer.from(text, 'utf8').equals(bytes) ? text : `base64:${bytes.toString('base64')}`;
}
