import type { Command } from 'commander';
import { type Admin, type Kafka, logLevel } from 'kafkajs';
import { EnvNames } from '../../functions/lib/config/env-names.js';
import { createKafka, type KafkaAuthMode } from '../../functions/lib/kafka/index.js';
import { CliError } from '../cli/run.js';
import { stackEnv } from '../stack/env.js';

/** The Kafka connection flags every Kafka command shares. */
export interface ConnectionFlags {
  readonly brokers?: string;
  readonly auth?: KafkaAuthMode;
  readonly region?: string;
}

/** Adds --brokers, --auth and --region to a command. */
export function withConnection(command: Command): Command {
  return command
    .option('--brokers <list>', 'bootstrap brokers (host:port,...); default: the local stack')
    .option('--auth <mode>', 'iam (MSK) or plaintext', 'plaintext')
    .option('--region <region>', 'AWS region for IAM auth');
}

export interface KafkaForOptions {
  /** @default 'eventline-cli' */
  readonly clientId?: string;
  /**
   * kafkajs' own log lines on stderr. The read-only tools pass NOTHING: they surface failures as
   * errors, and kafkajs logs retried coordinator hiccups at ERROR level, which would read as failures.
   * @default logLevel.WARN
   */
  readonly logLevel?: logLevel;
}

/** A kafkajs client from the connection flags (default: the local stack's broker). */
export function kafkaFor(flags: ConnectionFlags, options: KafkaForOptions = {}): Promise<Kafka> {
  const brokers = (flags.brokers ?? stackEnv()[EnvNames.kafkaBrokers] ?? '').split(',').filter(Boolean);
  if (brokers.length === 0) throw new CliError('no brokers: pass --brokers host:port');
  return createKafka({
    clientId: options.clientId ?? 'eventline-cli',
    brokers,
    auth: flags.auth ?? 'plaintext',
    logLevel: options.logLevel ?? logLevel.WARN,
    ...(flags.region ? { region: flags.region } : {}),
  });
}

/** Runs `work` with a connected admin client of the flags' cluster (kafkajs logging off), then disconnects. */
export async function withAdmin<T>(
  flags: ConnectionFlags,
  clientId: string,
  work: (admin: Admin) => Promise<T>,
): Promise<T> {
  const kafka = await kafkaFor(flags, { clientId, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.disconnect();
  }
}
