import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { SQSClient } from '@aws-sdk/client-sqs';
import { Command } from 'commander';
import { envReader, registryOptionsFromEnv } from '../../../functions/lib/config/env.js';
import { EnvNames } from '../../../functions/lib/config/env-names.js';
import { createManagedProducer } from '../../../functions/lib/kafka/index.js';
import { defaultSchemasDir, loadManifest } from '../../../functions/lib/manifest/index.js';
import { createRegistryClient } from '../../../functions/lib/registry/index.js';
import { createSerde } from '../../../functions/lib/serde/index.js';
import {
  loadAssembly,
  localTableOutputs,
  planResources,
  type RegistryChoice,
  registryEnv,
} from '../../assembly/index.js';
import { type ConnectionFlags, kafkaFor, withConnection } from '../../kafka/connection.js';
import { defaultPipelineOptions } from '../../pipeline/options.js';
import { parseFailureMessage } from '../../relay-failures/failure-message.js';
import {
  asJson,
  describeMessage,
  type Found,
  itemName,
  refusalOf,
  unknownShape,
} from '../../relay-failures/format.js';
import { pointedItems } from '../../relay-failures/outbox-items.js';
import { type QueueMessage, queueUrlOf, receiveAll, release, remove } from '../../relay-failures/queue.js';
import { createRedrive } from '../../relay-failures/replay.js';
import { localAwsConfig } from '../../stack/config.js';
import { stackEnv } from '../../stack/env.js';
import { localPipelineRegistry, type RegistryFlags, withRegistryFlags } from '../registry-flags.js';
import { CliError } from '../run.js';

interface Flags extends ConnectionFlags {
  readonly prefix: string;
  readonly queueUrl?: string;
  readonly table?: string;
}

export interface RelayFailuresCommandDeps {
  /** @default process.stdout */
  readonly write?: (text: string) => void;
}

/** `eventline relay-failures list|replay`: what the outbox relay gave up on, and sending it again. */
export function relayFailuresCommand(deps: RelayFailuresCommandDeps = {}): Command {
  const write = deps.write ?? ((text: string) => process.stdout.write(text));
  const command = new Command('relay-failures').description(
    "Show and redrive the relay's failure queue: stream batches its trigger gave up on, records it could not relay",
  );

  withQueue(command.command('list'))
    .description('List each failure message with its stream range and the outbox items it points to')
    .option('--json', 'one JSON object per message')
    .action(async (flags: Flags & { json?: boolean }) => {
      await withFailures(flags, async (found) => {
        for (const f of found) write(flags.json ? `${JSON.stringify(asJson(f))}\n` : describeMessage(f));
        if (!flags.json) write(`${found.length} message(s) in the relay's failure queue\n`);
        return [];
      });
    });

  withRegistryFlags(withConnection(withQueue(command.command('replay [message-ids...]'))), {
    when: "default: apicurio; the local functions run against the local stack's registries only",
    glueEndpoint: false,
  })
    .description(
      "Re-read the outbox items a message points to and publish them through the relay's code; the message is deleted only once all are delivered",
    )
    .option('--all', 'every message of the queue')
    .option('--dry-run', 'list what would be replayed and what would be refused (and why), send nothing')
    .option('--schemas <dir>', 'schemas folder with the manifest the relay uses', defaultSchemasDir)
    .action(
      async (
        ids: string[],
        flags: Flags & RegistryFlags & { all?: boolean; dryRun?: boolean; schemas: string },
      ) => {
        if (!flags.all && ids.length === 0) throw new CliError('name messages by id, or use --all');
        const registry = localPipelineRegistry(flags);
        await withFailures(flags, async (found) => {
          const unknown = ids.filter((id) => !found.some((f) => f.message.messageId === id));
          if (unknown.length > 0) throw new CliError(`no message ${unknown.join(', ')} in the failure queue`);
          const chosen = flags.all ? found : found.filter((f) => ids.includes(f.message.messageId));
          const redrive = flags.dryRun ? undefined : await relayFor(flags, registry);
          const deleted: QueueMessage[] = [];
          let kept = 0;
          try {
            for (const f of chosen) {
              const refusal = refusalOf(f.pointed);
              const id = f.message.messageId;
              if (refusal) {
                write(`${flags.dryRun ? 'would refuse' : 'kept'} ${id}: ${refusal}\n`);
                kept += 1;
                continue;
              }
              const items = f.pointed.items;
              if (!redrive) {
                write(
                  `would replay ${id}: ${items.length} outbox item(s) ${items.map(itemName).join(', ')}\n`,
                );
                continue;
              }
              const result = await redrive.send(items);
              if (result.delivered) {
                deleted.push(f.message);
                write(`replayed ${id}: ${result.relayed} event(s) relayed; message deleted\n`);
              } else {
                kept += 1;
                write(`kept ${id}: ${result.problems.join('; ')}\n`);
              }
            }
          } finally {
            await redrive?.close();
          }
          write(
            flags.dryRun
              ? `${chosen.length - kept} message(s) would be replayed, ${kept} refused; nothing sent\n`
              : `${deleted.length} message(s) replayed, ${kept} kept\n`,
          );
          if (!flags.dryRun && kept > 0) process.exitCode = 1;
          return deleted;
        });
      },
    );
  return command;
}

function withQueue(command: Command): Command {
  return command
    .option(
      '--prefix <prefix>',
      'resource name prefix the pipeline ran with (queue <prefix>-relay-failures, table <prefix>-outbox)',
      defaultPipelineOptions.prefix,
    )
    .option('--queue-url <url>', 'the failure queue (default: from --prefix)')
    .option('--table <name>', 'the outbox table (default: from --prefix)');
}

/**
 * Receives every message, resolves what each points to, lets `act` choose which to delete, and
 * makes the others visible again at once, so the queue is as it was for the next reader.
 */
async function withFailures(
  flags: Flags,
  act: (found: readonly Found[]) => Promise<readonly QueueMessage[]>,
): Promise<void> {
  const env = stackEnv();
  const sqs = new SQSClient(localAwsConfig(env.AWS_ENDPOINT_URL_SQS));
  const dynamodb = new DynamoDBClient(localAwsConfig(env.AWS_ENDPOINT_URL_DYNAMODB));
  const streams = new DynamoDBStreamsClient(localAwsConfig(env.AWS_ENDPOINT_URL_DYNAMODB_STREAMS));
  try {
    const local = flags.queueUrl && flags.table ? undefined : await localRelayResources(flags.prefix);
    const queueUrl = flags.queueUrl ?? (await queueUrlOf(sqs, local?.failureQueue as string));
    const messages = await receiveAll(sqs, queueUrl);
    let deleted: readonly QueueMessage[] = [];
    try {
      const lookup = { dynamodb, streams, table: flags.table ?? (local?.outboxTable as string) };
      const found: Found[] = [];
      for (const message of messages) {
        const failure = parseFailureMessage(message.body);
        found.push(
          failure
            ? { message, failure, pointed: await pointedItems(failure, lookup) }
            : { message, pointed: { items: [], note: unknownShape } },
        );
      }
      deleted = await act(found);
    } finally {
      for (const message of messages) {
        if (deleted.includes(message)) await remove(sqs, queueUrl, message);
        else await release(sqs, queueUrl, message);
      }
    }
  } finally {
    for (const client of [sqs, dynamodb, streams]) client.destroy();
  }
}

/** The relay's own code, wired as its handler wires it, against the chosen registry and brokers. */
async function relayFor(flags: Flags & { schemas: string }, registryChoice: RegistryChoice) {
  const read = envReader(registryEnv(registryChoice), (m) => new CliError(m));
  const registry = registryOptionsFromEnv(read);
  const producer = createManagedProducer(() => kafkaFor(flags, { clientId: 'eventline-relay-failures' }));
  const redrive = createRedrive({
    serde: createSerde({ registry, client: createRegistryClient(registry) }),
    manifest: loadManifest(flags.schemas),
    producer,
  });
  return { send: redrive, close: () => producer.disconnect() };
}

/**
 * The outbox table and the relay's failure queue of the local pipeline started with `--prefix`,
 * as `npm start` names them from the synthesized template: the table its `OutboxTableName`
 * output, the queue the one the relay's failure-queue variable references.
 */
async function localRelayResources(prefix: string): Promise<{ outboxTable: string; failureQueue: string }> {
  const { template, functions } = await loadAssembly({ log: (line) => process.stderr.write(`${line}\n`) });
  const outboxTable = localTableOutputs(template, prefix).OutboxTableName;
  const queues = new Map(planResources(template, prefix).queues.map((q) => [q.logicalId, q.name]));
  const failureQueue = functions
    .map((fn) => (fn.environment[EnvNames.relayFailureQueueUrl] as { Ref?: unknown } | undefined)?.Ref)
    .map((ref) => queues.get(String(ref)))
    .find((name) => name !== undefined);
  if (!outboxTable || !failureQueue) {
    throw new CliError(
      'the synthesized template names no outbox table or relay failure queue; pass --table and --queue-url',
    );
  }
  return { outboxTable, failureQueue };
}
