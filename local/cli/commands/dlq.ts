import { randomUUID } from 'node:crypto';
import { Command } from 'commander';
import {
  type ConsumedDlqRecord,
  type DlqEntry,
  DlqReasons,
  dlqTopicOf,
  isDlqReason,
  isDlqTopic,
  parseDlqRecord,
  replayMessage,
} from '../../../functions/lib/dlq/index.js';
import { createManagedProducer } from '../../../functions/lib/kafka/index.js';
import type { RegistryOptions } from '../../../functions/lib/registry/index.js';
import { createRegistryClient } from '../../../functions/lib/registry/index.js';
import type { SchemaRegistryClient } from '../../../functions/lib/registry/types.js';
import { createSerde } from '../../../functions/lib/serde/index.js';
import { type ConnectionFlags, kafkaFor, withConnection } from '../../kafka/connection.js';
import { CliError } from '../run.js';

export type RegistryClientFactory = (registry: RegistryOptions) => SchemaRegistryClient;

export interface DlqCommandDeps {
  /** Builds registry clients for `show --registry/--glue-registry`. @default createRegistryClient */
  readonly registryClient?: RegistryClientFactory;
  /** @default process.stdout */
  readonly write?: (text: string) => void;
}

/** `eventline dlq list|show|replay`: inspect `<topic>.dlq` and send chosen records back. */
export function dlqCommand(deps: DlqCommandDeps = {}): Command {
  const write = deps.write ?? ((text: string) => process.stdout.write(text));
  const command = new Command('dlq').description('Inspect dead-letter topics and replay their records');

  withConnection(command.command('list <topic>'))
    .description('List the records of <topic>.dlq with their reasons')
    .option('--json', 'one JSON object per line')
    .action(async (topic: string, flags: ConnectionFlags & { json?: boolean }) => {
      const entries = await readEntries(flags, dlqTopicName(topic));
      for (const entry of entries) {
        write(flags.json ? `${JSON.stringify(summary(entry))}\n` : `${line(entry)}\n`);
      }
      if (!flags.json) write(`${entries.length} record(s) in ${dlqTopicName(topic)}\n`);
    });

  withConnection(command.command('show <topic> <position>'))
    .description('Show one DLQ record (position = partition:offset), decoded when a registry is given')
    .option('--registry <url>', 'Confluent-compatible registry to decode the value with')
    .option('--glue-registry <name>', 'AWS Glue schema registry to decode the value with')
    .action(
      async (
        topic: string,
        position: string,
        flags: ConnectionFlags & { registry?: string; glueRegistry?: string },
      ) => {
        const wanted = parsePosition(position);
        const entry = (await readEntries(flags, dlqTopicName(topic))).find(
          (e) => e.partition === wanted.partition && e.offset === wanted.offset,
        );
        if (!entry) throw new CliError(`no record at ${position} in ${dlqTopicName(topic)}`);
        const registryClient =
          deps.registryClient ?? ((registry: RegistryOptions) => createRegistryClient(registry));
        write(`${JSON.stringify(await detail(entry, flags, registryClient), null, 2)}\n`);
      },
    );

  withConnection(command.command('replay <topic> [positions...]'))
    .description('Send DLQ records back to their original topic, marked as replays')
    .option('--all', 'replay every record of the DLQ topic')
    .option('--reason <reason>', 'only records with this dlq-reason')
    .option('--force', `also replay records whose reason is ${DlqReasons.deserialization}`)
    .option('--dry-run', 'say what would be replayed, send nothing')
    .action(
      async (
        topic: string,
        positions: string[],
        flags: ConnectionFlags & { all?: boolean; reason?: string; force?: boolean; dryRun?: boolean },
      ) => {
        if (!flags.all && positions.length === 0)
          throw new CliError('name records as partition:offset, or use --all');
        if (flags.reason !== undefined && !isDlqReason(flags.reason)) {
          throw new CliError(`--reason must be one of ${Object.values(DlqReasons).join(', ')}`);
        }
        const entries = await readEntries(flags, dlqTopicName(topic));
        const chosen = select(entries, positions, flags.all ?? false, flags.reason);
        const undecodable = chosen.filter((e) => e.reason === DlqReasons.deserialization);
        if (undecodable.length > 0 && !flags.force) {
          throw new CliError(
            `refusing to replay ${undecodable.map(position).join(', ')}: reason ${DlqReasons.deserialization} ` +
              '(the bytes will not decode on the original topic either); use --force to replay anyway',
          );
        }
        for (const entry of chosen) write(`${flags.dryRun ? 'would replay' : 'replaying'} ${line(entry)}\n`);
        if (!flags.dryRun && chosen.length > 0) await send(flags, chosen);
        write(`${chosen.length} record(s) ${flags.dryRun ? 'selected' : 'replayed'}\n`);
      },
    );
  return command;
}

function dlqTopicName(topic: string): string {
  return isDlqTopic(topic) ? topic : dlqTopicOf(topic);
}

/** Reads the DLQ topic from its start to its current end with a throwaway group, then deletes the group. */
async function readEntries(flags: ConnectionFlags, dlqTopic: string): Promise<DlqEntry[]> {
  const kafka = await kafkaFor(flags, { clientId: 'eventline-dlq' });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const topics = await admin.listTopics();
    if (!topics.includes(dlqTopic)) throw new CliError(`topic ${dlqTopic} does not exist`);
    const ends = (await admin.fetchTopicOffsets(dlqTopic)).filter((p) => Number(p.high) > Number(p.low));
    if (ends.length === 0) return [];
    const remaining = new Map(ends.map((p) => [p.partition, Number(p.high) - 1]));
    const groupId = `eventline-dlq-${randomUUID()}`;
    const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100 });
    const records: ConsumedDlqRecord[] = [];
    await consumer.connect();
    try {
      await consumer.subscribe({ topic: dlqTopic, fromBeginning: true });
      await new Promise<void>((resolve, reject) => {
        consumer
          .run({
            autoCommit: false,
            eachMessage: async ({ partition, message }) => {
              const last = remaining.get(partition);
              if (last === undefined || Number(message.offset) > last) return;
              records.push({
                dlqTopic,
                partition,
                offset: message.offset,
                key: message.key,
                value: message.value,
                headers: message.headers ?? {},
              });
              if (Number(message.offset) === last) remaining.delete(partition);
              if (remaining.size === 0) resolve();
            },
          })
          .catch(reject);
      });
    } finally {
      await consumer.disconnect();
      await admin.deleteGroups([groupId]).catch(() => undefined);
    }
    return records
      .sort((a, b) => a.partition - b.partition || Number(a.offset) - Number(b.offset))
      .map((record) => parseDlqRecord(record));
  } finally {
    await admin.disconnect();
  }
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
  reason?: string,
): DlqEntry[] {
  const byReason = entries.filter((e) => reason === undefined || e.reason === reason);
  if (all) return byReason;
  return positions.map((text) => {
    const wanted = parsePosition(text);
    const entry = byReason.find((e) => e.partition === wanted.partition && e.offset === wanted.offset);
    if (!entry) throw new CliError(`no record at ${text}${reason ? ` with reason ${reason}` : ''}`);
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
  flags: { registry?: string; glueRegistry?: string },
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
    value: await decodedValue(entry, flags, registryClient),
  };
}

async function decodedValue(
  entry: DlqEntry,
  flags: { registry?: string; glueRegistry?: string },
  registryClient: RegistryClientFactory,
): Promise<unknown> {
  if (entry.value === null) return null;
  const raw = { base64: entry.value.toString('base64') };
  const registry: RegistryOptions | undefined = flags.glueRegistry
    ? { kind: 'glue', registryName: flags.glueRegistry }
    : flags.registry
      ? { kind: 'confluent', url: flags.registry }
      : undefined;
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
