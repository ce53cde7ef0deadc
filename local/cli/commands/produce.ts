import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { Command } from 'commander';
import { logLevel } from 'kafkajs';
import { v7 as uuidv7 } from 'uuid';
import { envelopeToHeaders } from '../../../functions/lib/envelope/index.js';
import { createManagedProducer } from '../../../functions/lib/kafka/index.js';
import { loadManifest, type ManifestTopic } from '../../../functions/lib/manifest/index.js';
import { SchemaNotFoundError } from '../../../functions/lib/registry/index.js';
import { createSerde, type Serde, valueEncodeOptions } from '../../../functions/lib/serde/index.js';
import { type ConnectionFlags, kafkaFor, withConnection } from '../../kafka/connection.js';
import {
  localRegistryClient,
  type RegistryFlags,
  registryOrApicurio,
  withRegistryFlags,
} from '../registry-flags.js';
import { CliError } from '../run.js';
import { withSchemasDir } from './schemas.js';

interface ProduceFlags extends ConnectionFlags, RegistryFlags {
  readonly schemas: string;
  readonly file?: string;
  readonly key?: string;
  readonly keyField?: string;
  readonly source: string;
}

/** The payload field that holds the aggregate id by default: `Order` -> `orderId`. */
function defaultKeyField(topic: ManifestTopic): string {
  return `${topic.aggregateType.charAt(0).toLowerCase()}${topic.aggregateType.slice(1)}Id`;
}

async function* inputLines(file: string | undefined): AsyncGenerator<string> {
  if (file === undefined || file === '-') {
    yield* createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
    return;
  }
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new CliError(
      `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  yield* text.split('\n');
}

function aggregateIdOf(payload: unknown, flags: ProduceFlags, topic: ManifestTopic): string {
  if (flags.key !== undefined) return flags.key;
  const field = flags.keyField ?? defaultKeyField(topic);
  const id = (payload as Record<string, unknown> | null)?.[field];
  if (typeof id !== 'string' || id === '') {
    throw new Error(`the payload has no string field "${field}" for the key; pass --key-field or --key`);
  }
  return id;
}

async function encode(serde: Serde, topic: ManifestTopic, payload: unknown): Promise<Buffer> {
  try {
    return await serde.encode(payload, valueEncodeOptions(topic));
  } catch (error) {
    if (error instanceof SchemaNotFoundError) {
      throw new Error(`${error.message} (register the manifest's schemas: eventline schemas register)`);
    }
    throw error;
  }
}

async function produce(topicName: string, flags: ProduceFlags): Promise<void> {
  const manifest = loadManifest(flags.schemas);
  let topic: ManifestTopic;
  try {
    topic = manifest.topic(topicName);
  } catch (error) {
    throw new CliError((error as Error).message);
  }
  const registry = registryOrApicurio(flags, () => manifest.glueRegistryName);
  const serde = createSerde({ registry, client: localRegistryClient(registry) });
  // The relay's producer: idempotent, acks=all, and its key-hash partitioner, so a key lands where the relay puts it.
  const producer = createManagedProducer(() =>
    kafkaFor(flags, { clientId: 'eventline-produce', logLevel: logLevel.NOTHING }),
  );
  let lineNumber = 0;
  let refused = 0;
  try {
    for await (const line of inputLines(flags.file)) {
      lineNumber += 1;
      if (line.trim() === '') continue;
      try {
        const payload: unknown = JSON.parse(line);
        const aggregateId = aggregateIdOf(payload, flags, topic);
        const eventId = uuidv7();
        const headers = envelopeToHeaders({
          eventId,
          eventType: topic.eventType,
          aggregateType: topic.aggregateType,
          aggregateId,
          occurredAt: new Date().toISOString(),
          source: flags.source,
        });
        const value = await encode(serde, topic, payload);
        const [sent] = await producer.sendBatch([
          { topic: topic.name, messages: [{ key: Buffer.from(aggregateId), value, headers }] },
        ]);
        const position = { partition: sent?.partition, offset: Number(sent?.baseOffset) };
        process.stdout.write(
          `${JSON.stringify({ line: lineNumber, topic: topic.name, ...position, key: aggregateId, eventId })}\n`,
        );
      } catch (error) {
        refused += 1;
        process.stderr.write(`eventline: line ${lineNumber}: ${(error as Error).message}\n`);
      }
    }
  } finally {
    await producer.disconnect();
  }
  if (refused > 0) throw new CliError(`${refused} record(s) not produced`);
}

/** `eventline produce <topic>`: JSON lines encoded through the registry, sent with the envelope headers. */
export function produceCommand(): Command {
  return withSchemasDir(
    withRegistryFlags(withConnection(new Command('produce')), {
      when: "default: the local stack's Apicurio",
    }),
  )
    .description(
      "send JSON lines (stdin or --file) to a manifest topic, encoded with the topic's schema through the registry, with envelope headers",
    )
    .argument('<topic>', 'a topic of the manifest')
    .option('--file <path>', 'read the JSON lines from this file instead of stdin')
    .option('--key <aggregateId>', 'the aggregate id (record key) for every record')
    .option(
      '--key-field <field>',
      "the payload field holding the aggregate id (default: the aggregate type's, e.g. orderId)",
    )
    .option('--source <name>', 'the envelope source header', 'eventline-cli')
    .action((topic: string, flags: ProduceFlags) => produce(topic, flags));
}
