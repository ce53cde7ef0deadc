import { DeleteItemCommand } from '@aws-sdk/client-dynamodb';
import { DescribeStreamCommand, DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { DeleteQueueCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import type { DynamoDBRecord } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Manifest } from '../../../functions/lib/manifest/index.js';
import { createOutboxWriter, type OutboxRecord } from '../../../functions/lib/outbox/index.js';
import { ConfluentRegistryClient } from '../../../functions/lib/registry/index.js';
import { sqsFailureDestination } from '../../../functions/outbox-relay/failure-destination.js';
import { sendInvocationRecord } from '../../../local/triggers/ddb-stream-failure-destination.js';
import { invocationRecord } from '../../../local/triggers/index.js';
import { localClientConfig, localEndpoints } from '../../support/local-aws.js';
import {
  consumeAll,
  createTopics,
  dropTables,
  dynamodb,
  failureQueue,
  outboxTable,
  readStream,
  recordCount,
  sqs,
  testManifest,
} from '../outbox/support.js';
import { eventline } from './support.js';

const placed = (orderId: string) => ({
  eventType: 'OrderPlaced',
  aggregateId: orderId,
  payload: {
    orderId,
    customerId: 'c-1',
    lines: [{ sku: 'SKU-1', quantity: 1, unitPriceCents: 500 }],
    totalCents: 500,
    currency: 'EUR',
    placedAt: 1_763_989_970_123,
  },
});

/** DynamoDB Local gives a new table's stream one shard, which holds this test's records. */
async function shardOf(streamArn: string): Promise<string> {
  const streams = new DynamoDBStreamsClient(localClientConfig('dynamodb'));
  try {
    const described = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
    return described.StreamDescription?.Shards?.[0]?.ShardId as string;
  } finally {
    streams.destroy();
  }
}

describe('eventline relay-failures', () => {
  let manifest: Manifest;
  let schemasDir: string;
  let table: string;
  let queueUrl: string;
  let topics: string[];
  let records: DynamoDBRecord[];
  let events: OutboxRecord[];
  const flags = () => ['--queue-url', queueUrl, '--table', table];

  beforeAll(async () => {
    ({ manifest, schemasDir } = testManifest());
    topics = manifest.topics.map((t) => t.name);
    await createTopics(manifest);
    const registry = new ConfluentRegistryClient({ url: localEndpoints.apicurioUrl });
    for (const topic of manifest.topics) {
      await registry.register(`${topic.name}-value`, {
        type: topic.value.type,
        definition: topic.value.definition,
      });
    }
    const outbox = await outboxTable();
    table = outbox.table;
    queueUrl = await failureQueue();
    const writer = createOutboxWriter({
      client: dynamodb,
      tableName: table,
      manifest,
      source: 'relay-failures-it',
    });
    events = [];
    for (const orderId of ['o-1', 'o-2', 'o-3', 'o-4']) {
      events.push(...(await writer.write({ events: [placed(orderId)] })).events);
    }
    records = await readStream(outbox.streamArn, 4);
    // What the relay's trigger sends when it gives up on a batch: the first two records' range.
    await sendInvocationRecord(
      { sqs, queueUrl },
      invocationRecord(
        { records: records.slice(0, 2), condition: 'RetryAttemptsExhausted', attempts: 3 },
        {
          functionArn: 'arn:aws:lambda:us-east-1:000000000000:function:outbox-relay',
          requestId: 'r-1',
          shardId: await shardOf(outbox.streamArn),
          streamArn: outbox.streamArn,
        },
      ),
    );
    // What the relay itself sends for a record it could not relay; the fourth item then expires.
    const failures = sqsFailureDestination(sqs, queueUrl);
    for (const [record, event] of [
      [records[2], events[2]],
      [records[3], events[3]],
    ] as const) {
      await failures.send({
        reason: 'schema-not-found',
        errorClass: 'SchemaNotFoundError',
        errorMessage: 'no schema yet',
        eventId: event?.eventId as string,
        topic: event?.topic as string,
        eventSourceArn: outbox.streamArn,
        sequenceNumber: record?.dynamodb?.SequenceNumber as string,
        newImage: record?.dynamodb?.NewImage,
        failedAt: '2026-12-06T12:00:00.000Z',
      });
    }
    // Something else that landed in the queue: listed, never replayed or deleted.
    await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: '{"hello":"queue"}' }));
    await dynamodb.send(
      new DeleteItemCommand({ TableName: table, Key: records[3]?.dynamodb?.Keys as never }),
    );
  });
  afterAll(async () => {
    await sqs.send(new DeleteQueueCommand({ QueueUrl: queueUrl })).catch(() => undefined);
    await dropTables(table);
  });

  it('lists each message with its stream range and the outbox items it points to', () => {
    const { code, stdout, stderr } = eventline(['relay-failures', 'list', ...flags()]);

    expect(stderr).toBe('');
    expect(code).toBe(0);
    const [first, second] = records.map((r) => r.dynamodb?.SequenceNumber);
    expect(stdout).toMatch(
      new RegExp(
        `\\S+ {2}batch {2}shard \\S+ {2}sequence ${first}\\.\\.${second} {2}records 2 {2}RetryAttemptsExhausted`,
      ),
    );
    for (const event of events.slice(0, 3)) {
      expect(stdout).toContain(`  outbox Order#${event.aggregateId}/${event.eventId}  sequence `);
      expect(stdout).toContain(`${event.topic} OrderPlaced`);
    }
    expect(stdout).toContain(`record  schema-not-found  sequence ${records[2]?.dynamodb?.SequenceNumber}`);
    expect(stdout).toContain(
      `  outbox Order#o-4/${events[3]?.eventId}  sequence ${records[3]?.dynamodb?.SequenceNumber}  no longer in the table`,
    );
    expect(stdout).toMatch(
      /\S+ {2}unknown {2}\{"hello":"queue"\}\n {2}neither a stream batch's invocation record/,
    );
    expect(stdout).toMatch(/4 message\(s\) in the relay's failure queue\n$/);
  });

  it('lists one JSON object per message with --json', () => {
    const { code, stdout } = eventline(['relay-failures', 'list', '--json', ...flags()]);

    expect(code).toBe(0);
    const messages = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { kind: string; outboxItems: { key: string; inTable: boolean }[] });
    const batch = messages.find((m) => m.kind === 'batch');
    expect(batch).toMatchObject({
      batchSize: 2,
      condition: 'RetryAttemptsExhausted',
      startSequenceNumber: records[0]?.dynamodb?.SequenceNumber,
      endSequenceNumber: records[1]?.dynamodb?.SequenceNumber,
    });
    expect(batch?.outboxItems.map((i) => i.key)).toEqual(
      events.slice(0, 2).map((e) => `Order#${e.aggregateId}/${e.eventId}`),
    );
    const gone = messages.find((m) => m.outboxItems.some((i) => i.key.startsWith('Order#o-4/')));
    expect(gone).toMatchObject({
      kind: 'record',
      reason: 'schema-not-found',
      outboxItems: [{ inTable: false }],
    });
    expect(gone).not.toHaveProperty('key');
  });

  it('lists with --dry-run what it would replay and refuse, sending and deleting nothing', async () => {
    const { code, stdout } = eventline(['relay-failures', 'replay', '--all', '--dry-run', ...flags()]);

    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines.filter((l) => l.startsWith('would replay '))).toHaveLength(2);
    expect(stdout).toMatch(
      new RegExp(`would replay \\S+: 2 outbox item\\(s\\) Order#o-1/${events[0]?.eventId}, Order#o-2/`),
    );
    expect(stdout).toMatch(
      /would refuse \S+: 1 of 1 outbox item\(s\) no longer in the table \(TTL expired or deleted\)/,
    );
    expect(stdout).toMatch(
      /would refuse \S+: neither a stream batch's invocation record nor a relay failure record/,
    );
    expect(lines.at(-1)).toBe('2 message(s) would be replayed, 2 refused; nothing sent');
    expect(await recordCount(topics)).toBe(0);
    expect(eventline(['relay-failures', 'list', ...flags()]).stdout).toContain('4 message(s)');
  });

  it('re-publishes the items through the relay and deletes only the messages fully delivered', async () => {
    const { code, stdout } = eventline([
      'relay-failures',
      'replay',
      '--all',
      '--registry',
      'apicurio',
      '--schemas',
      schemasDir,
      ...flags(),
    ]);

    expect(stdout).toMatch(/replayed \S+: 2 event\(s\) relayed; message deleted/);
    expect(stdout).toMatch(/replayed \S+: 1 event\(s\) relayed; message deleted/);
    expect(stdout).toMatch(/kept \S+: 1 of 1 outbox item\(s\) no longer in the table/);
    expect(stdout.trim().split('\n').at(-1)).toBe('2 message(s) replayed, 2 kept');
    expect(code).toBe(1);
    const consumed = await consumeAll(topics);
    expect(consumed.map((r) => String(r.headers['event-id'])).sort()).toEqual(
      events
        .slice(0, 3)
        .map((e) => e.eventId)
        .sort(),
    );
    expect(consumed.map((r) => r.key).sort()).toEqual(['o-1', 'o-2', 'o-3']);
    const after = eventline(['relay-failures', 'list', ...flags()]).stdout;
    expect(after).toContain('2 message(s)');
    expect(after).toContain('unknown  {"hello":"queue"}');
    expect(after).toContain('Order#o-4');
  });
});
