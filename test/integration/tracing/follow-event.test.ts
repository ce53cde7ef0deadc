import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import type { Context, DynamoDBRecord } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fulfilmentTableDefinition } from '../../../functions/fulfilment/table.js';
import { EnvNames } from '../../../functions/lib/config/env-names.js';
import type { KafkaBatchResponse, MskTriggerEvent } from '../../../functions/lib/consumer/index.js';
import { idempotencyTableDefinition } from '../../../functions/lib/idempotency/index.js';
import { createOutboxWriter, outboxTableDefinition } from '../../../functions/lib/outbox/index.js';
import { ConfluentRegistryClient } from '../../../functions/lib/registry/index.js';
import { type SpanLine, SpanNames } from '../../../functions/lib/tracing/index.js';
import { orderReadModelTableDefinition } from '../../../functions/order-projection/table.js';
import { claimTablesValue } from '../../../infra/stacks/claim-tables-output.js';
import { traceCommand } from '../../../local/cli/commands/trace.js';
import { localAws, localClusterArn } from '../../../local/stack/config.js';
import { stackEnv } from '../../../local/stack/env.js';
import {
  type Hop,
  type Journey,
  localTraceSources,
  readSpanFile,
  TraceOutputKeys,
  type TraceSources,
} from '../../../local/trace/index.js';
import { buildMskEvent } from '../../events/msk/build.js';
import { localEndpoints, uniqueName } from '../../support/local-aws.js';
import {
  consumeAll,
  createTopics,
  dropTables,
  dynamodb,
  failureQueue,
  readStream,
  testManifest,
} from '../outbox/support.js';
import { createStack, deleteStack, deployedStackEnv, putSpans } from './deployed-stack.js';

type ConsumerHandler = (event: MskTriggerEvent, context: Context) => Promise<KafkaBatchResponse>;
type RelayHandler = (event: { Records: DynamoDBRecord[] }) => Promise<{ batchItemFailures: unknown[] }>;
const context = { getRemainingTimeInMillis: () => 30_000 } as Context;
const CALLER = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

/**
 * One order through the real code paths on the local stack: the outbox writer, DynamoDB
 * Streams, the relay handler, Kafka, the projection and fulfilment handlers (each its own
 * consumer group), and the fulfilment's follow-up event relayed in turn, with spans exported
 * to a file; then `eventline trace` follows the paid event from the same tables, topics and file.
 */
describe('Following an event across the hops', () => {
  const prefix = uniqueName('trace');
  // The tables under the names `npm start --prefix` gives them, which `eventline trace --prefix` reads.
  let sources: TraceSources;
  const readModel = `${prefix}-orders`;
  const fulfilmentTable = `${prefix}-fulfilment`;
  const { manifest, schemasDir } = testManifest();
  const groups = { projection: `${prefix}-order-projection`, fulfilment: `${prefix}-fulfilment` };
  const savedEnv = { ...process.env };
  let relay: RelayHandler;
  let projection: ConsumerHandler;
  let fulfilment: ConsumerHandler;
  let streamArn: string;
  // The paid event and its local journey, which the deployed-stack case reads again from AWS's sources.
  let paid: string | undefined;
  let localJourney: Journey | undefined;

  beforeAll(async () => {
    sources = await localTraceSources(
      prefix,
      join(mkdtempSync(join(tmpdir(), 'eventline-trace-')), 'spans.jsonl'),
    );
    const [projectionClaims, fulfilmentClaims] = sources.idempotencyTables;
    if (!projectionClaims || !fulfilmentClaims)
      throw new Error('the template names fewer than two idempotency tables');
    const outbox = await dynamodb.send(new CreateTableCommand(outboxTableDefinition(sources.outboxTable)));
    streamArn = outbox.TableDescription?.LatestStreamArn as string;
    for (const table of sources.idempotencyTables) {
      await dynamodb.send(new CreateTableCommand(idempotencyTableDefinition(table)));
    }
    await dynamodb.send(new CreateTableCommand(orderReadModelTableDefinition(readModel)));
    await dynamodb.send(new CreateTableCommand(fulfilmentTableDefinition(fulfilmentTable)));
    await createTopics(manifest);
    const registry = new ConfluentRegistryClient({ url: localEndpoints.apicurioUrl });
    for (const topic of manifest.topics) {
      await registry.register(`${topic.name}-value`, {
        type: topic.value.type,
        definition: topic.value.definition,
      });
    }
    // Each handler reads its environment once, at import, like a Lambda cold start.
    Object.assign(process.env, stackEnv(), {
      AWS_REGION: localAws.region,
      POWERTOOLS_LOG_LEVEL: 'SILENT',
      POWERTOOLS_METRICS_DISABLED: 'true',
      [EnvNames.traceFile]: sources.spanFile,
      [EnvNames.registryKind]: 'confluent',
      [EnvNames.registryUrl]: localEndpoints.apicurioUrl,
      [EnvNames.schemasDir]: schemasDir,
      [EnvNames.relayFailureQueueUrl]: await failureQueue(),
      [EnvNames.outboxTableName]: sources.outboxTable,
      [EnvNames.idempotencyTableName]: projectionClaims,
      [EnvNames.orderReadModelTableName]: readModel,
      [EnvNames.fulfilmentTableName]: fulfilmentTable,
      [EnvNames.consumerGroup]: groups.projection,
    });
    ({ handler: relay } = await import('../../../functions/outbox-relay/handler.js'));
    ({ handler: projection } = await import('../../../functions/order-projection/handler.js'));
    process.env[EnvNames.consumerGroup] = groups.fulfilment;
    process.env[EnvNames.idempotencyTableName] = fulfilmentClaims;
    ({ handler: fulfilment } = await import('../../../functions/fulfilment/handler.js'));
  });

  afterAll(async () => {
    process.env = savedEnv;
    await dropTables(sources.outboxTable, ...sources.idempotencyTables, readModel, fulfilmentTable);
  });

  it('links every hop of a paid order, both consumers and the follow-up event in one trace, and eventline trace shows them', async () => {
    const orderId = uniqueName('o');
    const topicOf = (eventType: string) => manifest.topicForEvent(eventType).name;
    // The order service's write, under the caller's trace (an HTTP request's traceparent).
    const writer = createOutboxWriter({
      client: dynamodb,
      tableName: sources.outboxTable,
      manifest,
      source: 'orders',
    });
    const { events } = await writer.write({
      events: [
        {
          eventType: 'OrderPlaced',
          aggregateId: orderId,
          traceparent: CALLER,
          payload: {
            orderId,
            customerId: 'c-1',
            lines: [{ sku: 'sku-1', quantity: 1, unitPriceCents: 990 }],
            totalCents: 990,
            currency: 'EUR',
            placedAt: 1_795_000_000_000,
          },
        },
        {
          eventType: 'OrderPaid',
          aggregateId: orderId,
          traceparent: CALLER,
          payload: { orderId, paymentId: 'pay-1', amountCents: 990, paidAt: 1_795_000_001_000 },
        },
      ],
    });
    paid = events[1]?.eventId as string;

    expect(await relay({ Records: await readStream(streamArn, 2) })).toEqual({ batchItemFailures: [] });
    const orderTopics = [topicOf('OrderPlaced'), topicOf('OrderPaid')];
    const produced = await consumeAll(orderTopics);
    const event = (topic: string) => buildMskEvent(produced.filter((r) => r.topic === topic).map(asSource));
    expect(await projection(event(topicOf('OrderPlaced')), context)).toEqual({ batchItemFailures: [] });
    expect(await projection(event(topicOf('OrderPaid')), context)).toEqual({ batchItemFailures: [] });
    expect(await fulfilment(event(topicOf('OrderPaid')), context)).toEqual({ batchItemFailures: [] });
    // The follow-up is the stream's third insert; the first two were relayed already.
    const followUpRecord = (await readStream(streamArn, 3)).slice(2);
    expect(await relay({ Records: followUpRecord })).toEqual({ batchItemFailures: [] });

    const spans = readSpanFile(sources.spanFile);
    const named = (prefix: string) => spans.filter((s) => s.name.startsWith(prefix));
    const ofEvent = (name: string, eventId: string) =>
      named(name).filter((s) => s.attributes['eventline.event_id'] === eventId);
    const [create] = ofEvent(SpanNames.outboxWrite, paid);
    expect(create?.traceId).toBe(CALLER.slice(3, 35));
    expect(create?.parentSpanId).toBe(CALLER.slice(36, 52));
    expect(ofEvent(SpanNames.relay, paid).map((s) => s.parentSpanId)).toEqual([create?.spanId]);
    const processes = named(`${SpanNames.consume} ${topicOf('OrderPaid')}`).filter(
      (s) => s.parentSpanId === create?.spanId,
    );
    const groupOf = (s: SpanLine) => s.attributes['messaging.consumer.group.name'];
    expect(processes.map(groupOf).sort()).toEqual([groups.fulfilment, groups.projection]);
    expect(new Set(processes.map((s) => s.traceId))).toEqual(new Set([create?.traceId]));
    const fulfilmentProcess = processes.find((s) => groupOf(s) === groups.fulfilment);
    const [followUpCreate] = named(`${SpanNames.outboxWrite} FulfilmentRequested`);
    expect(followUpCreate?.traceId).toBe(create?.traceId);
    expect(followUpCreate?.parentSpanId).toBe(fulfilmentProcess?.spanId);
    const followUpId = followUpCreate?.attributes['eventline.event_id'] as string;
    expect(ofEvent(SpanNames.relay, followUpId).map((s) => s.parentSpanId)).toEqual([followUpCreate?.spanId]);
    const batches = named(SpanNames.batch).filter((s) => s.links.some((l) => l.spanId === create?.spanId));
    expect(batches.map((s) => s.attributes['messaging.consumer.group.name']).sort()).toEqual([
      groups.fulfilment,
      groups.projection,
    ]);

    const journey = JSON.parse(await trace(paid, '--json')) as Journey;
    localJourney = journey;
    expect(journey).toMatchObject({ eventId: paid, eventType: 'OrderPaid', traceId: create?.traceId });
    const paidRecord = produced.find((r) => r.headers['event-id']?.toString() === paid);
    expect(journey.hops.find((h) => h.kind === 'relay-produce')).toMatchObject({
      topic: topicOf('OrderPaid'),
      partition: paidRecord?.partition,
      offset: paidRecord?.offset,
    });
    expect(journey.hops.map((h) => h.kind)).toEqual(
      expect.arrayContaining(['outbox-write', 'relay-produce', 'consumer-process', 'consumer-completed']),
    );
    expect(journey.consumers).toEqual([
      { consumerGroup: groups.fulfilment, outcome: 'completed', attempts: 1 },
      { consumerGroup: groups.projection, outcome: 'completed', attempts: 1 },
    ]);
    expect(journey.followUps.map((f) => [f.eventId, f.eventType, f.topic])).toEqual([
      [followUpId, 'FulfilmentRequested', topicOf('FulfilmentRequested')],
    ]);
    expect(journey.followUps[0]?.hops.find((h) => h.kind === 'relay-produce')?.offset).toBe(0);

    const timeline = await trace(paid);
    expect(timeline).toContain(`event ${paid} (OrderPaid`);
    expect(timeline).toContain(`consumer ${groups.fulfilment}: completed`);
    expect(timeline).toContain(`event ${followUpId} (FulfilmentRequested`);
  });

  it('reads the same journey from a deployed stack: its outputs, its tables by key, its topics and the spans in X-Ray', async () => {
    if (!paid || !localJourney) throw new Error('the local journey of the previous case is missing');
    const [projectionClaims, fulfilmentClaims] = sources.idempotencyTables as [string, string];
    const stack = `${prefix}-stack`;
    await putSpans(readSpanFile(sources.spanFile));
    await createStack(stack, {
      [TraceOutputKeys.outboxTable]: sources.outboxTable,
      [TraceOutputKeys.mskClusterArn]: localClusterArn,
      [TraceOutputKeys.claimTables]: claimTablesValue([
        { consumerGroup: groups.projection, table: projectionClaims },
        { consumerGroup: groups.fulfilment, table: fulfilmentClaims },
      ]),
    });
    const shellEnv = { ...process.env };
    Object.assign(process.env, deployedStackEnv());
    let journey: Journey;
    try {
      // No --spans: the spans come from X-Ray; --brokers: the local broker stands in for MSK's IAM listener.
      const out = await traceCommandOutput([
        paid,
        '--stack',
        stack,
        '--brokers',
        localEndpoints.kafkaBrokers.join(','),
        '--json',
      ]);
      journey = JSON.parse(out) as Journey;
    } finally {
      process.env = shellEnv;
      await deleteStack(stack);
    }

    expect(withoutTimes(journey)).toEqual(withoutTimes(localJourney));
    expect(journey.hops.map((h) => h.kind)).toEqual(expect.arrayContaining(['consumer-process']));
    for (const [hop, local] of pairedHops(journey, localJourney)) {
      expect(Math.abs(Date.parse(hop.at) - Date.parse(local.at))).toBeLessThanOrEqual(1);
      expect(Math.abs((hop.durationMs ?? 0) - (local.durationMs ?? 0))).toBeLessThanOrEqual(0.002);
    }
  });

  it('names the stack output it misses when the deployed stack predates it', async () => {
    const stack = `${prefix}-old-stack`;
    await createStack(stack, { [TraceOutputKeys.outboxTable]: sources.outboxTable });
    const shellEnv = { ...process.env };
    Object.assign(process.env, deployedStackEnv());
    try {
      await expect(traceCommandOutput(['e-any', '--stack', stack])).rejects.toThrow(
        `stack ${stack} has no output ${TraceOutputKeys.mskClusterArn}, ${TraceOutputKeys.claimTables}; deploy the current infra/`,
      );
    } finally {
      process.env = shellEnv;
      await deleteStack(stack);
    }
  });

  /** `eventline trace <event-id> --prefix <prefix> --spans <file> [flags]`, its output captured. */
  async function trace(eventId: string, ...flags: string[]): Promise<string> {
    return traceCommandOutput([eventId, '--prefix', prefix, '--spans', sources.spanFile, ...flags]);
  }
});

/** `eventline trace` with these arguments, its output captured. */
async function traceCommandOutput(args: string[]): Promise<string> {
  let out = '';
  const command = traceCommand({ write: (text) => (out += text) });
  await command.parseAsync(args, { from: 'user' });
  return out;
}

/**
 * A journey without its times, hops in a fixed order: X-Ray keeps times in epoch seconds, so a
 * time read back may differ from the exported one in its last microsecond (checked apart).
 */
function withoutTimes(journey: Journey): unknown {
  return {
    ...journey,
    hops: journey.hops.map(({ at: _at, durationMs: _d, ...rest }) => rest).sort(byJson),
    followUps: journey.followUps.map(withoutTimes),
  };
}

function pairedHops(journey: Journey, other: Journey): [Hop, Hop][] {
  const key = (h: Hop) => JSON.stringify({ ...h, at: undefined, durationMs: undefined });
  return journey.hops.flatMap((hop) => {
    const match = other.hops.find((o) => key(o) === key(hop));
    return match ? [[hop, match] as [Hop, Hop]] : [];
  });
}

function byJson(a: unknown, b: unknown): number {
  return JSON.stringify(a).localeCompare(JSON.stringify(b));
}

function asSource(record: Awaited<ReturnType<typeof consumeAll>>[number]) {
  return {
    topic: record.topic,
    partition: record.partition,
    offset: record.offset,
    timestamp: Date.now(),
    key: Buffer.from(record.key),
    value: record.value,
    headers: Object.fromEntries(
      Object.entries(record.headers).map(([name, value]) => [name, Buffer.from(String(value))]),
    ),
  };
}
