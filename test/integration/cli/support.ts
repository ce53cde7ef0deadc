import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Kafka, logLevel, type Message } from 'kafkajs';
import { stackEnv } from '../../../local/stack/env.js';
import { localEndpoints } from '../../support/local-aws.js';

export const root = join(import.meta.dirname, '..', '..', '..');
const tsx = join(root, 'node_modules', '.bin', 'tsx');
const main = join(root, 'local/cli/main.ts');

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the real `eventline` CLI against the local stack. */
export function eventline(args: readonly string[], input?: string): CliResult {
  const result = spawnSync(tsx, [main, ...args], {
    cwd: root,
    encoding: 'utf8',
    input,
    env: { ...process.env, ...stackEnv() },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * Runs the CLI without blocking, so the test can act while it waits (`--follow`); `cwd` runs the
 * CLI of another checkout (a copy of the project) with that checkout's own tsx.
 */
export function eventlineAsync(args: readonly string[], options: { cwd?: string } = {}): Promise<CliResult> {
  const cwd = options.cwd ?? root;
  return new Promise((resolve, reject) => {
    const cli = spawn(join(cwd, 'node_modules', '.bin', 'tsx'), [join(cwd, 'local/cli/main.ts'), ...args], {
      cwd,
      env: { ...process.env, ...stackEnv() },
    });
    let stdout = '';
    let stderr = '';
    cli.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    cli.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    cli.on('error', reject);
    cli.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * Runs the CLI with its stdout piped straight into `head -n 1` (one OS pipe, as a shell makes it),
 * so the CLI's writes fail with EPIPE once head has exited.
 */
export function eventlineIntoHead(args: readonly string[]): Promise<CliResult & { firstLine: string }> {
  return new Promise((resolve, reject) => {
    const head = spawn('head', ['-n', '1'], { stdio: ['pipe', 'pipe', 'inherit'] });
    const cli = spawn(tsx, [main, ...args], {
      cwd: root,
      env: { ...process.env, ...stackEnv() },
      stdio: ['ignore', head.stdin, 'pipe'],
    });
    // Only the CLI may hold the pipe's writing end, or head's exit would not break it.
    head.stdin.destroy();
    let firstLine = '';
    let stderr = '';
    head.stdout.on('data', (chunk: Buffer) => (firstLine += chunk.toString('utf8')));
    cli.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    cli.on('error', reject);
    cli.on('close', (code) => resolve({ code, stdout: '', stderr, firstLine }));
  });
}

/** A kafkajs client, admin and producer on the local broker, for preparing topics and groups. */
export async function kafkaFixture() {
  const kafka = new Kafka({
    clientId: 'cli-test',
    brokers: [...localEndpoints.kafkaBrokers],
    logLevel: logLevel.NOTHING,
  });
  const admin = kafka.admin();
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await Promise.all([admin.connect(), producer.connect()]);
  const created: string[] = [];
  return {
    client: kafka,
    admin,
    async createTopic(topic: string, partitions: number): Promise<void> {
      await admin.createTopics({ topics: [{ topic, numPartitions: partitions }], waitForLeaders: true });
      created.push(topic);
    },
    async send(topic: string, messages: Message[]) {
      return producer.send({ topic, acks: -1, messages });
    },
    async teardown(): Promise<void> {
      await admin.deleteTopics({ topics: created }).catch(() => undefined);
      await Promise.all([admin.disconnect(), producer.disconnect()]);
    },
  };
}
