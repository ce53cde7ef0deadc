import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket, connect as tcpConnect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateTableCommand,
  DeleteTableCommand,
  DynamoDBClient,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
} from '@aws-sdk/client-dynamodb-streams';
import { CreateQueueCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { DynamoDBRecord } from 'aws-lambda';
import { type IHeaders, Kafka, logLevel } from 'kafkajs';
import { defaultSchemasDir, loadManifest, type Manifest } from '../../../functions/lib/manifest/index.js';
import { outboxTableDefinition, outboxTimeToLive } from '../../../functions/lib/outbox/index.js';
import type { RelayFailure } from '../../../functions/outbox-relay/failure-destination.js';
import { HOST, ports } from '../../../local/stack/config.js';
import { toLambdaDynamoDbRecord } from '../../../local/triggers/index.js';
import { localClientConfig, localEndpoints, uniqueName } from '../../support/local-aws.js';
import { waitFor, withDeadline } from '../../support/wait-for.js';

export const dynamodb = new DynamoDBClient(localClientConfig('dynamodb'));
const streams = new DynamoDBStreamsClient(localClientConfig('dynamodb'));
export const sqs = new SQSClient(localClientConfig('moto'));
export const kafka = new Kafka({
  clientId: 'outbox-it',
  brokers: localEndpoints.kafkaBrokers,
  logLevel: logLevel.NOTHING,
});

/**
 * The project's manifest with this test's own topic names (`<prefix>.order.placed`, ...),
 * written to a temporary schemas folder, so tests never share topics or subjects.
 */
export function testManifest(): { manifest: Manifest; schemasDir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'eventline-outbox-'));
  cpSync(defaultSchemasDir, dir, { recursive: true });
  const prefix = uniqueName('obx').replace(/[^a-z0-9]/g, '');
  const raw = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { topics: { name: string }[] };
  for (const topic of raw.topics) topic.name = `${prefix}${topic.name.slice(topic.name.indexOf('.'))}`;
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(raw));
  return { manifest: loadManifest(dir), schemasDir: dir };
}

export async function createTopics(manifest: Manifest, config: Record<string, string> = {}): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.createTopics({
      waitForLeaders: true,
      topics: manifest.topics.map((t) => ({
        topic: t.name,
        numPartitions: 3,
        configEntries: Object.entries(config).map(([name, value]) => ({ name, value })),
      })),
    });
  } finally {
    await admin.disconnect();
  }
}

/** Records per topic, from the high watermarks: every produced record, duplicates included. */
export async function recordCount(topics: readonly string[]): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    let total = 0;
    for (const topic of topics) {
      for (const p of await admin.fetchTopicOffsets(topic)) total += Number(p.high) - Number(p.low);
    }
    return total;
  } finally {
    await admin.disconnect();
  }
}

export interface Consumed {
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
  readonly key: string;
  readonly value: Buffer;
  readonly headers: IHeaders;
}

/** Every record of the topics, read from the beginning by a fresh group (count from recordCount). */
export async function consumeAll(topics: readonly string[]): Promise<Consumed[]> {
  const expected = await recordCount(topics);
  const consumed: Consumed[] = [];
  if (expected === 0) return consumed;
  const consumer = kafka.consumer({ groupId: uniqueName('outbox-it'), maxWaitTimeInMs: 100 });
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [...topics], fromBeginning: true });
    const all = new Promise<void>((resolve, reject) => {
      consumer
        .run({
          eachMessage: async ({ topic, partition, message }) => {
            consumed.push({
              topic,
              partition,
              offset: Number(message.offset),
              key: String(message.key),
              value: message.value as Buffer,
              headers: message.headers ?? {},
            });
            if (consumed.length === expected) resolve();
          },
        })
        .catch(reject);
    });
    await withDeadline(all, { what: `${expected} records of ${topics.join(', ')}`, timeoutMs: 60_000 });
  } finally {
    await consumer.disconnect();
  }
  return consumed;
}

export async function outboxTable(): Promise<{ table: string; streamArn: string }> {
  const table = uniqueName('outbox');
  const created = await dynamodb.send(new CreateTableCommand(outboxTableDefinition(table)));
  await dynamodb.send(new UpdateTimeToLiveCommand(outboxTimeToLive(table)));
  return { table, streamArn: created.TableDescription?.LatestStreamArn as string };
}

export async function domainTable(): Promise<string> {
  const table = uniqueName('orders');
  await dynamodb.send(
    new CreateTableCommand({
      TableName: table,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
    }),
  );
  return table;
}

export async function dropTables(...tables: string[]): Promise<void> {
  await Promise.all(
    tables.map((t) => dynamodb.send(new DeleteTableCommand({ TableName: t })).catch(() => {})),
  );
}

/**
 * The stream's records as Lambda delivers them (local/triggers builds the exact record
 * shape), all shards from TRIM_HORIZON in order, once `count` records are there.
 */
export async function readStream(streamArn: string, count: number): Promise<DynamoDBRecord[]> {
  let records: DynamoDBRecord[] = [];
  await waitFor(
    async () => {
      records = await readShards(streamArn);
      return records.length >= count;
    },
    {
      what: `stream ${streamArn} to show ${count} records`,
      intervalMs: 100,
    },
  );
  return records;
}

/** Every record of every shard of the stream, from TRIM_HORIZON. */
async function readShards(streamArn: string): Promise<DynamoDBRecord[]> {
  const records: DynamoDBRecord[] = [];
  const described = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
  for (const shard of described.StreamDescription?.Shards ?? []) {
    let iterator = (
      await streams.send(
        new GetShardIteratorCommand({
          StreamArn: streamArn,
          ShardId: shard.ShardId,
          ShardIteratorType: 'TRIM_HORIZON',
        }),
      )
    ).ShardIterator;
    while (iterator) {
      const page = await streams.send(new GetRecordsCommand({ ShardIterator: iterator }));
      records.push(...(page.Records ?? []).map((r) => toLambdaDynamoDbRecord(r, streamArn)));
      if ((page.Records ?? []).length === 0) break;
      iterator = page.NextShardIterator;
    }
  }
  return records;
}

export async function failureQueue(): Promise<string> {
  const created = await sqs.send(new CreateQueueCommand({ QueueName: uniqueName('relay-failures') }));
  return created.QueueUrl as string;
}

export async function receiveFailures(queueUrl: string, count: number): Promise<RelayFailure[]> {
  const failures: RelayFailure[] = [];
  for (let attempt = 0; attempt < 50 && failures.length < count; attempt++) {
    const page = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
    );
    failures.push(...(page.Messages ?? []).map((m) => JSON.parse(m.Body ?? '{}') as RelayFailure));
  }
  return failures;
}

/**
 * A TCP proxy on 127.0.0.1 in front of the shared broker: closing it is a real network fault
 * for whoever connects through it, without touching the broker others use. When `cutOnReply`
 * is armed, the next bytes the broker sends back close every connection and the listener,
 * so a produce request reaches the broker but its answer never reaches the client.
 */
export class TcpProxy {
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  private cutOnReply = false;
  private cutDone?: () => void;
  port = 0;

  constructor(private readonly target: { host: string; port: number }) {}

  async open(): Promise<void> {
    const server = createServer((client) => {
      const upstream = tcpConnect(this.target.port, this.target.host);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => {});
      }
      this.relay(client, upstream);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.port = (server.address() as { port: number }).port;
    this.server = server;
    this.cutOnReply = false;
  }

  /** Arms the cut; resolves once it has happened (a reply was dropped and the proxy closed). */
  armCutOnReply(): Promise<void> {
    this.cutOnReply = true;
    return new Promise((resolve) => {
      this.cutDone = resolve;
    });
  }

  /** Destroys every open connection and refuses new ones until `open`. */
  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const s of this.sockets) s.destroy();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Carries one connection's bytes both ways; a subclass may read or rewrite them. */
  protected relay(client: Socket, upstream: Socket): void {
    client.pipe(upstream);
    upstream.on('data', (chunk: Buffer) => {
      if (!this.cutIfArmed()) client.write(chunk);
    });
  }

  /** When the cut is armed, drops the reply at hand and closes the proxy; says whether it did. */
  protected cutIfArmed(): boolean {
    if (!this.cutOnReply) return false;
    const done = this.cutDone;
    this.cutDone = undefined;
    this.cutOnReply = false;
    void this.close().then(done);
    return true;
  }
}

export function brokerAddress(): { host: string; port: number } {
  const [host, port] = (localEndpoints.kafkaBrokers[0] ?? `${HOST}:${ports.kafka}`).split(':');
  return { host: host ?? HOST, port: Number(port) };
}
