import type { Context } from 'aws-lambda';
import type { KafkaMessage } from 'kafkajs';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type ConsumerRecord,
  type KafkaBatchResponse,
  kafkaConsumer,
  RetryRecordError,
} from '../../../functions/lib/consumer/index.js';
import { DlqHeaders } from '../../../functions/lib/dlq/index.js';
import { dynamoDbIdempotencyStore, type IdempotencyStore } from '../../../functions/lib/idempotency/index.js';
import { buildMskEvent, type SourceRecord } from '../../events/msk/build.js';
import { loadMskEvent, MskSamples } from '../../events/msk/load.js';
import { sampleSerde, sampleTopic } from '../../events/msk/sample-schemas.js';
import { MskSampleSpecs } from '../../events/msk/specs.js';
import { manualClock } from '../../support/manual-clock.js';
import {
  confluentFrame,
  dynamodb,
  envelopeHeaders,
  type Fixture,
  paidBytes,
  SchemaIds,
  serde,
  setupFixture,
  silent,
} from './support.js';

function context(remainingMs = 30_000): Context {
  const deadline = Date.now() + remainingMs;
  return {
    awsRequestId: `req-${Math.random()}`,
    functionName: 'order-projection',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  } as Context;
}

function eventIdOf(record: ConsumerRecord): string {
  return String(record.envelope?.eventId ?? record.headers['event-id']);
}

const fixtures: Fixture[] = [];
afterEach(async () => {
  await Promise.all(fixtures.splice(0).map((f) => f.teardown()));
});

async function fixture(options: { dlqTopic?: boolean } = {}): Promise<Fixture> {
  const created = await setupFixture(options);
  fixtures.push(created);
  return created;
}

function consumerFor(
  f: Fixture,
  handler: (record: ConsumerRecord) => Promise<void>,
  idempotency: IdempotencyStore = f.idempotency,
) {
  return kafkaConsumer({
    consumerGroup: f.consumerGroup,
    serde,
    dlq: f.dlq,
    idempotency,
    logger: silent,
    handler,
  });
}

describe('Kafka consumer on real Kafka and DynamoDB Local', () => {
  it('runs the side effect once for a record delivered twice and for two invocations racing on it', async () => {
    const f = await fixture();
    await f.produce([
      { partition: 0, key: 'o-1', value: paidBytes('o-1'), headers: envelopeHeaders('evt-dup', 'o-1') },
      { partition: 1, key: 'o-2', value: paidBytes('o-2'), headers: envelopeHeaders('evt-race', 'o-2') },
    ]);
    const [dup, race] = await f.read(f.topic, 2);
    let entered!: () => void;
    const firstEntered = new Promise<void>((resolve) => {
      entered = resolve;
    });
    let unblock!: () => void;
    const blocked = new Promise<void>((resolve) => {
      unblock = resolve;
    });
    const handle = consumerFor(f, async (record) => {
      if (eventIdOf(record) === 'evt-race') {
        entered();
        await blocked;
      }
      await f.recordEffect(eventIdOf(record));
    });
    const dupEvent = buildMskEvent([dup as SourceRecord]);
    const raceEvent = buildMskEvent([race as SourceRecord]);

    await handle(dupEvent, context());
    await handle(dupEvent, context());
    const first = handle(raceEvent, context());
    await firstEntered;
    const second = await handle(raceEvent, context());
    unblock();
    const firstResponse = await first;
    const redelivered = await handle(raceEvent, context());

    expect(await f.effects('evt-dup')).toBe(1);
    expect(await f.effects('evt-race')).toBe(1);
    expect(firstResponse).toEqual({ batchItemFailures: [] });
    expect(second.batchItemFailures).toEqual([
      { itemIdentifier: { partition: `${f.topic}-1`, offset: Number(race?.offset) } },
    ]);
    expect(redelivered).toEqual({ batchItemFailures: [] });
  });

  it('sends poison bytes, an unknown schema id and an invalid payload to the DLQ and processes the rest', async () => {
    const f = await fixture();
    const poison = Buffer.from([0x42, 0x00, 0x13, 0x37]);
    const unknownSchema = confluentFrame(99, Buffer.from([0x02]));
    const invalid = confluentFrame(SchemaIds.fulfilment, Buffer.from(JSON.stringify({ orderId: '' })));
    await f.produce([
      { partition: 0, key: 'o-1', value: paidBytes('o-1'), headers: envelopeHeaders('evt-1', 'o-1') },
      {
        partition: 0,
        key: 'o-2',
        value: poison,
        headers: { ...envelopeHeaders('evt-2', 'o-2'), 'x-bin': Buffer.from([0, 255]) },
      },
      { partition: 0, key: 'o-3', value: unknownSchema, headers: envelopeHeaders('evt-3', 'o-3') },
      { partition: 0, key: 'o-4', value: invalid, headers: envelopeHeaders('evt-4', 'o-4') },
      { partition: 0, key: 'o-5', value: paidBytes('o-5'), headers: envelopeHeaders('evt-5', 'o-5') },
    ]);
    const records = await f.read(f.topic, 5);
    const handle = consumerFor(f, (record) => f.recordEffect(eventIdOf(record)));

    const response = await handle(buildMskEvent(records), context());
    const dead = await f.read(f.dlqTopic, 3);

    expect(response).toEqual({ batchItemFailures: [] });
    expect(await f.effects('evt-1')).toBe(1);
    expect(await f.effects('evt-5')).toBe(1);
    const header = (r: SourceRecord, name: string) =>
      (r.headers as KafkaMessage['headers'])?.[name]?.toString();
    expect(dead.map((r) => [header(r, DlqHeaders.reason), header(r, DlqHeaders.originalOffset)])).toEqual([
      ['deserialization', String(records[1]?.offset)],
      ['schema-not-found', String(records[2]?.offset)],
      ['validation', String(records[3]?.offset)],
    ]);
    const [poisoned] = dead;
    expect(poisoned?.value).toEqual(poison);
    expect(poisoned?.key?.toString()).toBe('o-2');
    expect((poisoned?.headers as KafkaMessage['headers'])?.['x-bin']).toEqual(Buffer.from([0, 255]));
    expect(header(poisoned as SourceRecord, 'event-id')).toBe('evt-2');
    expect(header(poisoned as SourceRecord, DlqHeaders.originalTopic)).toBe(f.topic);
    expect(header(poisoned as SourceRecord, DlqHeaders.originalPartition)).toBe('0');
    expect(header(poisoned as SourceRecord, DlqHeaders.consumerGroup)).toBe(f.consumerGroup);
    expect(header(poisoned as SourceRecord, DlqHeaders.errorClass)).toMatch(/Error$/);
    expect(header(poisoned as SourceRecord, DlqHeaders.failedAt)).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('stops a partition at a retryable failure, reports it, and processes the other partitions', async () => {
    const f = await fixture();
    await f.produce([
      { partition: 0, key: 'o-a', value: paidBytes('o-a'), headers: envelopeHeaders('evt-a', 'o-a') },
      { partition: 0, key: 'o-b', value: paidBytes('o-b'), headers: envelopeHeaders('evt-b', 'o-b') },
      { partition: 0, key: 'o-c', value: paidBytes('o-c'), headers: envelopeHeaders('evt-c', 'o-c') },
      { partition: 2, key: 'o-d', value: paidBytes('o-d'), headers: envelopeHeaders('evt-d', 'o-d') },
    ]);
    const records = await f.read(f.topic, 4);
    const failing = records.find((r) => r.key?.toString() === 'o-b');
    const handle = consumerFor(f, async (record) => {
      if (eventIdOf(record) === 'evt-b') throw new RetryRecordError('inventory service unavailable');
      await f.recordEffect(eventIdOf(record));
    });

    const response: KafkaBatchResponse = await handle(buildMskEvent(records), context());

    expect(response.batchItemFailures).toEqual([
      { itemIdentifier: { partition: `${f.topic}-0`, offset: Number(failing?.offset) } },
    ]);
    expect([
      await f.effects('evt-a'),
      await f.effects('evt-b'),
      await f.effects('evt-c'),
      await f.effects('evt-d'),
    ]).toEqual([1, 0, 0, 1]);
  });

  it('fails the invocation when the DLQ refuses the record, and delivers it on the retry without repeating work', async () => {
    const f = await fixture({ dlqTopic: false });
    await f.produce([
      { partition: 0, key: 'o-1', value: paidBytes('o-1'), headers: envelopeHeaders('evt-1', 'o-1') },
      {
        partition: 0,
        key: 'o-2',
        value: Buffer.from('not framed'),
        headers: envelopeHeaders('evt-2', 'o-2'),
      },
    ]);
    const records = await f.read(f.topic, 2);
    const handle = consumerFor(f, (record) => f.recordEffect(eventIdOf(record)));
    const event = buildMskEvent(records);

    await expect(handle(event, context())).rejects.toThrow(/DLQ/);
    await f.createDlqTopic();
    const retried = await handle(event, context());
    const dead = await f.read(f.dlqTopic, 1);

    expect(retried).toEqual({ batchItemFailures: [] });
    expect(dead[0]?.value?.toString()).toBe('not framed');
    expect(await f.effects('evt-1')).toBe(1);
  });

  it('lets a retry run a record once after the timed-out invocation’s lease expired', async () => {
    const f = await fixture();
    await f.produce([
      { partition: 1, key: 'o-t', value: paidBytes('o-t'), headers: envelopeHeaders('evt-t', 'o-t') },
    ]);
    const event = buildMskEvent(await f.read(f.topic, 1));
    let calls = 0;
    // Leases are judged by this clock: the test moves it past the lease instead of waiting.
    const clock = manualClock();
    const idempotency = dynamoDbIdempotencyStore({
      client: dynamodb,
      tableName: f.idempotencyTable,
      now: clock.now,
    });
    const handle = consumerFor(
      f,
      async (record) => {
        calls += 1;
        // The first invocation hangs past its deadline, as a stuck downstream call would; Lambda kills it.
        if (calls === 1) await new Promise(() => undefined);
        await f.recordEffect(eventIdOf(record));
      },
      idempotency,
    );

    await expect(handle(event, context(1_000))).rejects.toThrow();
    const whileLeased = await handle(event, context());
    clock.advance(1_001);
    const afterExpiry = await handle(event, context());

    expect(whileLeased.batchItemFailures).toHaveLength(1);
    expect(afterExpiry).toEqual({ batchItemFailures: [] });
    expect(calls).toBe(2);
    expect(await f.effects('evt-t')).toBe(1);
  });

  it('decodes the sample events in Confluent and Glue framing and with the mapping’s registry metadata', async () => {
    const handled: string[] = [];
    const handle = kafkaConsumer({
      consumerGroup: 'samples',
      // The samples carry fixed ids (Glue UUIDs included) that only their own registry knows.
      serde: sampleSerde(),
      dlq: { publish: () => Promise.reject(new Error('no DLQ expected')) },
      logger: silent,
      handler: async (record) => {
        handled.push(JSON.stringify([record.topic, record.envelope?.eventType, record.value]));
      },
    });

    for (const sample of Object.values(MskSamples)) {
      expect(await handle(loadMskEvent(sample), context())).toEqual({ batchItemFailures: [] });
    }

    const expected = Object.values(MskSampleSpecs).flatMap((spec) =>
      spec.records.map((r) => JSON.stringify([spec.topic, sampleTopic(spec.topic).eventType, r.value])),
    );
    expect(handled.sort()).toEqual(expected.sort());
  });
});
