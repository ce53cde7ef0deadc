import { readFile, writeFile } from 'node:fs/promises';
import { Argument, Command, Option } from 'commander';
import { EnvNames } from '../../../functions/lib/config/env-names.js';
import { loadManifest } from '../../../functions/lib/manifest/index.js';
import type { RegistryOptions } from '../../../functions/lib/registry/index.js';
import { createRegistryClient } from '../../../functions/lib/registry/index.js';
import { createSerde } from '../../../functions/lib/serde/index.js';
import {
  localResources,
  type RegistryChoice,
  RegistryChoices,
  registryEnv,
} from '../../pipeline/environment.js';
import { generateMskEvent, generateOutboxStreamEvent } from '../../pipeline/test-events.js';
import { localAws } from '../../stack/config.js';
import { stackEnv } from '../../stack/env.js';
import { CliError } from '../run.js';

interface GenerateFlags {
  readonly topic: string;
  readonly payload: string;
  readonly key?: string;
  readonly registry: RegistryChoice;
  readonly out?: string;
}

/** `eventline events generate msk|ddb-stream`: Lambda test events with payloads encoded by the real registry. */
export function eventsCommand(): Command {
  const events = new Command('events').description('Lambda test events for the local handlers');
  events
    .command('generate')
    .description(
      'write a test event: an MSK event encoded with the registry, or the outbox stream event the relay receives',
    )
    .addArgument(new Argument('<kind>', 'event kind').choices(['msk', 'ddb-stream']))
    .requiredOption('--topic <topic>', 'a manifest topic, e.g. orders.order.paid')
    .requiredOption('--payload <file>', 'the event payload as JSON (what the schema describes)')
    .option('--key <aggregateId>', "the aggregate id / Kafka key (default: the payload's orderId)")
    .addOption(
      new Option('--registry <kind>', 'schema registry')
        .choices(Object.values(RegistryChoices))
        .default('apicurio'),
    )
    .option('--out <file>', 'write the event here instead of stdout')
    .action(async (kind: 'msk' | 'ddb-stream', flags: GenerateFlags) => {
      const manifest = loadManifest();
      let topic: ReturnType<typeof manifest.topic>;
      try {
        topic = manifest.topic(flags.topic);
      } catch (error) {
        throw new CliError((error as Error).message);
      }
      const payload = await readJson(flags.payload);
      const key = flags.key ?? keyOf(payload);
      const env = stackEnv();
      const event =
        kind === 'msk'
          ? await generateMskEvent({ topic, payload, key }, serdeFor(flags.registry), {
              bootstrapServers: env[EnvNames.kafkaBrokers] as string,
            })
          : generateOutboxStreamEvent(
              { topic, payload, key },
              `arn:aws:dynamodb:${localAws.region}:000000000000:table/${localResources('eventline').outboxTable}/stream/local`,
            );
      const text = `${JSON.stringify(event, null, 2)}\n`;
      if (flags.out) await writeFile(flags.out, text);
      else process.stdout.write(text);
    });
  return events;
}

function serdeFor(choice: RegistryChoice) {
  const env = registryEnv(choice, localResources('eventline'));
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

function keyOf(payload: unknown): string {
  const p = payload as { orderId?: unknown; order_id?: unknown } | null;
  const id = p?.orderId ?? p?.order_id;
  if (typeof id !== 'string') throw new CliError('the payload has no orderId; pass --key <aggregateId>');
  return id;
}

async function readJson(file: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new CliError(`cannot read JSON from ${file}: ${(error as Error).message}`);
  }
}
