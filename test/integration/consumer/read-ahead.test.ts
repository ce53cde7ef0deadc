import type { Context } from 'aws-lambda';
import { afterEach, describe, expect, it } from 'vitest';
import { kafkaConsumer } from '../../../functions/lib/consumer/index.js';
import {
  type ClaimRequest,
  dynamoDbIdempotencyStore,
  type IdempotencyStore,
  type RecordIdentity,
} from '../../../functions/lib/idempotency/index.js';
import { buildMskEvent, type SourceRecord } from '../../events/msk/build.js';
import {
  dynamodb,
  envelopeHeaders,
  type Fixture,
  paidBytes,
  serde,
  setupFixture,
  silent,
} from './support.js';

const hash = (n: number) => n.toString(16).padStart(64, '0');

const context = { functionName: 'projection', getRemainingTimeInMillis: () => 30_000 } as Context;

/** The real store, with its calls counted: what the consumer asks DynamoDB, not a stand-in for it. */
function counted(store: IdempotencyStore) {
  const calls = { claims: 0, lookups: 0 };
  const wrapped: IdempotencyStore = {
    ...store,
    claim: (request: ClaimRequest) => {
      calls.claims++;
      return store.claim(request);
    },
    completedAmong: (records: readonly RecordIdentity[]) => {
      calls.lookups++;
      return store.completedAmong?.(records) ?? Promise.resolve(new Set());
    },
  };
  return { store: wrapped, calls };
}

/** Puts `count` OrderPaid records (orders o-0…, events evt-0…) over 3 partitions and reads them back. */
async function producePaid(f: Fixture, count: number): Promise<SourceRecord[]> {
  await f.produce(
    Array.from({ length: count }, (_, n) => ({
      partition: n % 3,
      key: `o-${n}`,
      value: paidBytes(`o-${n}`),
      headers: envelopeHeaders(`evt-${n}`, `o-${n}`),
    })),
  );
  return (await f.read(f.topic, count)) as SourceRecord[];
}

/** A consumer whose side effect is counted per event id in the fixture. */
function effectConsumer(f: Fixture, store: IdempotencyStore) {
  return kafkaConsumer({
    consumerGroup: f.consumerGroup,
    serde,
    dlq: f.dlq,
    idempotency: store,
    logger: silent,
    handler: async (record) => f.recordEffect(String(record.headers['event-id'])),
  });
}

const fixtures: Fixture[] = [];
afterEach(async () => {
  await Promise.all(fixtures.splice(0).map((f) => f.teardown()));
});

describe('Idempotency read ahead on DynamoDB Local', () => {
  it('vouches only for completed, unexpired claims of the same payload, over many keys and repeated ones', async () => {
    const f = await setupFixture();
    fixtures.push(f);
    const store = f.idempotency;
    const expiring = dynamoDbIdempotencyStore({
      client: dynamodb,
      tableName: f.idempotencyTable,
      completedTtlSeconds: 1,
      now: () => Date.now() - 60_000,
    });
    const settle = async (s: IdempotencyStore, key: string, payloadHash: string, complete = true) => {
      const result = await s.claim({ key, payloadHash, leaseMs: 60_000 });
      if (result.status === 'claimed' && complete) await s.complete(result.claim);
    };
    await Promise.all(Array.from({ length: 150 }, (_, n) => settle(store, `done-${n}`, hash(n))));
    await settle(store, 'in-progress', hash(1), false);
    await settle(expiring, 'expired', hash(2));

    const completed = await store.completedAmong?.([
      ...Array.from({ length: 150 }, (_, n) => ({ key: `done-${n}`, payloadHash: hash(n) })),
      { key: 'done-0', payloadHash: hash(0) },
      { key: 'in-progress', payloadHash: hash(1) },
      { key: 'expired', payloadHash: hash(2) },
      { key: 'never-seen', payloadHash: hash(3) },
    ]);
    const impostor = await store.completedAmong?.([{ key: 'done-7', payloadHash: hash(999) }]);

    expect(completed?.size).toBe(150);
    expect([...(completed ?? [])].every((key) => key.startsWith('done-'))).toBe(true);
    expect(impostor?.size).toBe(0);
  });

  it('answers a redelivered batch with one read and claims only its new record', async () => {
    const f = await setupFixture();
    fixtures.push(f);
    const count = 60;
    const records = await producePaid(f, count + 1);
    const newcomer = records.find((r) => r.key?.toString() === `o-${count}`) as SourceRecord;
    const first = records.filter((r) => r !== newcomer);
    const { store, calls } = counted(f.idempotency);
    const handle = effectConsumer(f, store);

    await handle(buildMskEvent(first), context);
    const afterFirst = { ...calls };
    await handle(buildMskEvent([...first, newcomer]), context);

    expect(afterFirst).toEqual({ claims: count, lookups: 1 });
    expect(calls).toEqual({ claims: count + 1, lookups: 2 });
    for (const n of [0, 31, count - 1, count]) expect(await f.effects(`evt-${n}`)).toBe(1);
  });

  it('claims every record as usual when the read ahead fails', async () => {
    const f = await setupFixture();
    fixtures.push(f);
    const count = 50;
    const records = await producePaid(f, count);
    const { store, calls } = counted({
      ...f.idempotency,
      completedAmong: () => Promise.reject(new Error('throttled')),
    });
    const handle = effectConsumer(f, store);

    const first = await handle(buildMskEvent(records), context);
    const again = await handle(buildMskEvent(records), context);

    expect([first, again]).toEqual([{ batchItemFailures: [] }, { batchItemFailures: [] }]);
    expect(calls).toEqual({ claims: 2 * count, lookups: 2 });
    for (const n of [0, 17, count - 1]) expect(await f.effects(`evt-${n}`)).toBe(1);
  });
});
