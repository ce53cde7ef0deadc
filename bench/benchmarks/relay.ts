import type { Context, DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import type { Message, Producer } from 'kafkajs';
import { v7 as uuidv7 } from 'uuid';
import { envelopeToHeaders } from '../../functions/lib/envelope/index.js';
import { keyHashPartitioner } from '../../functions/lib/kafka/index.js';
import { loadManifest } from '../../functions/lib/manifest/index.js';
import type * as OutboxModule from '../../functions/lib/outbox/index.js';
import type { OutboxRecord } from '../../functions/lib/outbox/types.js';
import { uniqueName } from '../../local/stack/unique-name.js';
import { benchContext } from '../fixtures/msk-event.js';
import { orderPlacedRecords } from '../fixtures/records.js';
import { benchSchemasDir, relayEnvironment, withEnvironment } from '../fixtures/relay-env.js';
import { outboxStreamEvent } from '../fixtures/stream-event.js';
import { deleteSubject, registerSchema, registryReachable } from '../harness/confluent-rest.js';
import { type BenchContext, type Benchmark, importProjectModule, missingModule } from '../harness/context.js';
import { atLeast, exactly, type Goal, noGoal } from '../harness/goals.js';
import { countProduceRequests, createBenchTopics, localKafka, topicRecordCount } from '../harness/kafka.js';
import { confluentClient } from '../harness/registry-client.js';
import { figureRow, type Row, round, sideFigures, unavailableRow } from '../harness/row.js';
import { type Comparison, compare, type Task } from '../harness/runner.js';
import { loadCreateSerde } from '../harness/serde-module.js';
import { median } from '../harness/stats.js';

const modules = {
  handler: 'functions/outbox-relay/handler.ts',
  outbox: 'functions/lib/outbox/index.ts',
} as const;

type RelayHandler = (event: DynamoDBStreamEvent, context?: Context) => Promise<DynamoDBBatchResponse>;

const rows = {
  throughput: {
    id: 'B4',
    name: 'relay handler throughput (stream batches → broker, acknowledged) vs bare kafkajs sendBatch loop',
    goal: atLeast(0.85),
  },
  samePartitioner: {
    id: 'B4.same-partitioner',
    name: "relay vs the same sendBatch loop with the relay's partitioner (murmur2 via murmurhash)",
    goal: noGoal,
  },
  requests: {
    id: 'B4.requests',
    name: 'relay produce requests per stream batch (one topic)',
    goal: exactly(1),
  },
} as const;

/** Lambda's default batch size for DynamoDB Streams, and the one infra/ sets. */
const streamBatchSize = 100;
const partitions = 6;

/** B4: the relay's produce path against the least a producer must do with the same records. */
export const relayBenchmark: Benchmark = {
  id: 'B4',
  title: 'relay vs bare kafkajs sendBatch (local broker)',
  async run(context: BenchContext): Promise<Row[]> {
    const { endpoints, profile } = context;
    const unavailable = (reason: string) => [
      unavailableRow(rows.throughput.id, rows.throughput.name, rows.throughput.goal, '×', reason),
      unavailableRow(
        rows.samePartitioner.id,
        rows.samePartitioner.name,
        rows.samePartitioner.goal,
        '×',
        reason,
      ),
      unavailableRow(rows.requests.id, rows.requests.name, rows.requests.goal, 'requests', reason),
    ];
    const missing = missingModule(Object.values(modules));
    if (missing) return unavailable(missing);
    const loaded = await loadCreateSerde();
    if ('unavailable' in loaded) return unavailable(loaded.unavailable);
    if (!(await registryReachable(endpoints.apicurio))) {
      return unavailable(`not available: Apicurio at ${endpoints.apicurio} unreachable`);
    }
    const { toOutboxItem } = await importProjectModule<typeof OutboxModule>(modules.outbox);

    const relayTopic = `${uniqueName('bench.relay')}.placed`;
    const baselineTopic = `${uniqueName('bench.sendbatch')}.placed`;
    const samePartitionerTopic = `${uniqueName('bench.sendbatch-hash')}.placed`;
    const subject = `${relayTopic}-value`;
    const admin = localKafka(endpoints, 'bench-admin');
    const dropTopics = await createBenchTopics(
      admin,
      [relayTopic, baselineTopic, samePartitionerTopic],
      partitions,
    );
    const writerSchema = loadManifest().topicForEvent('OrderPlaced').value;
    await registerSchema(endpoints.apicurio, subject, writerSchema);
    const schemas = benchSchemasDir(relayTopic);
    // The handler's producer is built inside it (clientId outbox-relay); count its requests only.
    const produce = countProduceRequests('outbox-relay');

    // The same producer settings as the relay's managed producer: idempotent, one request in flight,
    // acks=all. The bare loop keeps kafkajs' own partitioner; the second one takes the relay's.
    const producerSettings = { idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false };
    const baselineProducer = localKafka(endpoints, 'bench-sendbatch').producer(producerSettings);
    const samePartitionerProducer = localKafka(endpoints, 'bench-sendbatch-hash').producer({
      ...producerSettings,
      createPartitioner: keyHashPartitioner,
    });
    await baselineProducer.connect();
    await samePartitionerProducer.connect();
    try {
      const { handler } = await withEnvironment(relayEnvironment(endpoints, schemas.dir), () =>
        importProjectModule<{ handler: RelayHandler }>(modules.handler),
      );
      const { client } = confluentClient(endpoints.apicurio);
      const serde = loaded.createSerde({ registry: { kind: 'confluent', url: endpoints.apicurio }, client });
      const lambdaContext = benchContext('outbox-relay');

      const payloads = orderPlacedRecords(profile.networkRecords);
      let sequence = 1;
      let events: DynamoDBStreamEvent[] = [];
      let relayAcknowledged = 0;
      let sentByRelay = 0;
      const perBatchRequests: number[] = [];

      const relayTask: Task = {
        label: 'relay',
        opsPerRun: () => relayAcknowledged,
        prepare: () => {
          const records = payloads.map((payload) => outboxRecord(relayTopic, payload));
          events = chunk(records, streamBatchSize).map((batch) => {
            const event = outboxStreamEvent(batch, toOutboxItem, sequence);
            sequence += batch.length;
            return event;
          });
          relayAcknowledged = 0;
        },
        run: async () => {
          for (const event of events) {
            const before = produce.count();
            const response = await handler(event, lambdaContext);
            perBatchRequests.push(produce.count() - before);
            const acknowledged = acknowledgedRecords(event, response);
            relayAcknowledged += acknowledged;
            sentByRelay += acknowledged;
          }
        },
      };

      /**
       * A bare sendBatch loop sending what the relay puts on the wire for the same events, encoded
       * in prepare; `sent` counts what the broker acknowledged over all its runs.
       */
      function sendBatchLoop(label: string, producer: Producer, topic: string) {
        let batches: Message[][] = [];
        let acknowledged = 0;
        let sent = 0;
        const task: Task = {
          label,
          opsPerRun: () => acknowledged,
          prepare: async () => {
            const messages: Message[] = [];
            for (const payload of payloads) {
              const record = outboxRecord(topic, payload);
              messages.push({
                key: Buffer.from(record.aggregateId),
                value: await serde.encode(payload, { topic: relayTopic, schema: writerSchema }),
                headers: envelopeToHeaders(record),
              });
            }
            batches = chunk(messages, streamBatchSize);
            acknowledged = 0;
          },
          run: async () => {
            for (const messages of batches) {
              const metadata = await producer.sendBatch({ acks: -1, topicMessages: [{ topic, messages }] });
              // Acknowledged: every partition in the response has no error code.
              if (metadata.every((partition) => partition.errorCode === 0)) {
                acknowledged += messages.length;
                sent += messages.length;
              }
            }
          },
        };
        return { task, sent: () => sent };
      }

      const rounds = {
        warmupRounds: Math.max(1, Math.floor(profile.warmupRounds / 4)),
        rounds: profile.networkRounds,
      };
      const bare = sendBatchLoop('kafkajs sendBatch', baselineProducer, baselineTopic);
      const comparison = await compare({
        ...rounds,
        profile: context.cpuProfile(rows.throughput.id),
        variant: relayTask,
        baseline: bare.task,
      });
      const hashed = sendBatchLoop(
        'kafkajs sendBatch, relay partitioner',
        samePartitionerProducer,
        samePartitionerTopic,
      );
      const samePartitioner = await compare({ ...rounds, variant: relayTask, baseline: hashed.task });

      const onBroker = {
        relay: await topicRecordCount(admin, relayTopic),
        baseline: await topicRecordCount(admin, baselineTopic),
        samePartitioner: await topicRecordCount(admin, samePartitionerTopic),
      };
      const setting = `${profile.networkRecords} records per run in batches of ${streamBatchSize}, ${partitions} partitions, acks=all, no compression, idempotent`;
      return [
        throughputRow(rows.throughput, comparison, 'sendBatch per record', [
          `throughput ratio (baseline time / relay time per acknowledged record), ${setting}`,
          `acknowledged (with --cpu-prof: profiled runs included) relay ${sentByRelay} (broker holds ${onBroker.relay}), sendBatch ${bare.sent()} (broker holds ${onBroker.baseline})`,
          "the handler encodes with createSerde, the baseline sends pre-encoded bytes with kafkajs' default partitioner; handler with Powertools metrics off and logs at WARN",
        ]),
        throughputRow(rows.samePartitioner, samePartitioner, 'sendBatch (relay partitioner) per record', [
          `as B4, with a baseline producer that partitions like the relay's (keyHashPartitioner: the same partitions, a faster murmur2), so the ratio shows the relay's own work per record; ${setting}`,
          `acknowledged sendBatch ${hashed.sent()} (broker holds ${onBroker.samePartitioner})`,
        ]),
        figureRow({
          ...rows.requests,
          figure: Math.max(...perBatchRequests),
          unit: 'requests',
          note: `max over ${perBatchRequests.length} batches (min ${Math.min(...perBatchRequests)}), counted from kafkajs REQUEST events (apiName Produce)`,
        }),
      ];
    } finally {
      produce.restore();
      schemas.remove();
      await baselineProducer.disconnect();
      await samePartitionerProducer.disconnect();
      await dropTopics();
      await deleteSubject(endpoints.apicurio, subject);
    }
  },
};

/** A throughput row: the median of the per-round ratios, inverted (baseline time over relay time). */
function throughputRow(
  meta: { readonly id: string; readonly name: string; readonly goal: Goal },
  comparison: Comparison,
  baselineLabel: string,
  notes: readonly string[],
): Row {
  const throughputRatios = comparison.ratios.map((ratio) => 1 / ratio);
  return figureRow({
    ...meta,
    figure: round(median(throughputRatios), 3),
    unit: '×',
    variant: sideFigures('relay per record', comparison.variant.perOp, 'ms'),
    baseline: sideFigures(baselineLabel, comparison.baseline.perOp, 'ms'),
    rounds: throughputRatios.length,
    note: notes.join('; '),
  });
}

/** Records before the one the partial batch response names were delivered (or parked for good). */
function acknowledgedRecords(event: DynamoDBStreamEvent, response: DynamoDBBatchResponse): number {
  const failed = response.batchItemFailures[0]?.itemIdentifier;
  if (failed === undefined) return event.Records.length;
  const index = event.Records.findIndex((record) => record.dynamodb?.SequenceNumber === failed);
  return Math.max(index, 0);
}

function outboxRecord(topic: string, payload: { orderId: string; placedAt: number }): OutboxRecord {
  return {
    eventId: uuidv7(),
    eventType: 'OrderPlaced',
    aggregateType: 'Order',
    aggregateId: payload.orderId,
    occurredAt: new Date(payload.placedAt).toISOString(),
    source: 'bench',
    topic,
    payload,
    headers: {},
    txId: uuidv7(),
    txSeq: 0,
    expiresAt: Math.floor(Date.now() / 1000) + 86_400,
  };
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
  return chunks;
}
