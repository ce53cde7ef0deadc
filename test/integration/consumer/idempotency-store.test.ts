import {
  CreateTableCommand,
  DeleteTableCommand,
  type DynamoDBClient,
  GetItemCommand,
} from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ClaimInProgressError,
  dynamoDbIdempotencyStore,
  idempotencyTableDefinition,
  PayloadMismatchError,
} from '../../../functions/lib/idempotency/index.js';
import { uniqueName } from '../../support/local-aws.js';
import { manualClock } from '../../support/manual-clock.js';
import { dynamodb } from './support.js';

const leaseMs = 1_000;
const ttlSeconds = 60;
const hash = 'a'.repeat(64);
let tableName: string;

beforeAll(async () => {
  tableName = uniqueName('it-claims');
  await dynamodb.send(new CreateTableCommand(idempotencyTableDefinition(tableName)));
});

afterAll(async () => {
  await dynamodb.send(new DeleteTableCommand({ TableName: tableName }));
});

/** A store on the real table whose requests are counted and whose clock moves when the test says. */
function countedStore() {
  const clock = manualClock();
  let requests = 0;
  const client = {
    send: (command: Parameters<DynamoDBClient['send']>[0]) => {
      requests += 1;
      return dynamodb.send(command);
    },
  } as unknown as DynamoDBClient;
  const store = dynamoDbIdempotencyStore({
    client,
    tableName,
    now: clock.now,
    completedTtlSeconds: ttlSeconds,
  });
  return { store, clock, requests: () => requests };
}

async function storedToken(key: string): Promise<string | undefined> {
  const { Item } = await dynamodb.send(new GetItemCommand({ TableName: tableName, Key: { id: { S: key } } }));
  return Item?.token?.S;
}

describe('DynamoDB idempotency store claims', () => {
  it('claims a new record and answers a duplicate of a completed one in one request each', async () => {
    const { store, requests } = countedStore();
    const key = uniqueName('new');

    const first = await store.claim({ key, payloadHash: hash, leaseMs });
    const claimRequests = requests();
    if (first.status !== 'claimed') throw new Error('a new record was not claimed');
    await store.complete(first.claim);
    const before = requests();
    const duplicate = await store.claim({ key, payloadHash: hash, leaseMs });

    expect(claimRequests).toBe(1);
    expect(duplicate).toEqual({ status: 'completed' });
    expect(requests() - before).toBe(1);
  });

  it('refuses a claim held under a live lease, and one with another payload', async () => {
    const { store } = countedStore();
    const key = uniqueName('held');
    await store.claim({ key, payloadHash: hash, leaseMs });

    await expect(store.claim({ key, payloadHash: hash, leaseMs })).rejects.toThrow(ClaimInProgressError);
    await expect(store.claim({ key, payloadHash: 'b'.repeat(64), leaseMs })).rejects.toThrow(
      PayloadMismatchError,
    );
  });

  it('takes over a claim whose lease ran out, and the old holder cannot complete it', async () => {
    const { store, clock } = countedStore();
    const key = uniqueName('lease');
    const stale = await store.claim({ key, payloadHash: hash, leaseMs });
    if (stale.status !== 'claimed') throw new Error('a new record was not claimed');

    clock.advance(leaseMs + 1);
    const fresh = await store.claim({ key, payloadHash: hash, leaseMs });
    if (fresh.status !== 'claimed') throw new Error('the expired lease was not taken over');
    await store.complete(stale.claim);

    expect(fresh.claim.token).not.toBe(stale.claim.token);
    expect(await storedToken(key)).toBe(fresh.claim.token);
  });

  it('claims a completed record again once its expiry has passed', async () => {
    const { store, clock } = countedStore();
    const key = uniqueName('expired');
    const first = await store.claim({ key, payloadHash: hash, leaseMs });
    if (first.status !== 'claimed') throw new Error('a new record was not claimed');
    await store.complete(first.claim);

    clock.advance((ttlSeconds + 1) * 1000);
    const again = await store.claim({ key, payloadHash: hash, leaseMs });

    expect(again.status).toBe('claimed');
  });
});
