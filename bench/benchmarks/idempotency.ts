import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDbIdempotencyStoreOptions } from '../../functions/lib/idempotency/dynamodb-store.js';
import type { IdempotencyStore } from '../../functions/lib/idempotency/types.js';
import { uniqueName } from '../../local/stack/unique-name.js';
import { type BenchContext, type Benchmark, importProjectModule, missingModule } from '../harness/context.js';
import { createBenchTable, localDynamoDb } from '../harness/dynamodb.js';
import { atMost, noGoal } from '../harness/goals.js';
import { comparisonRow, type Row, unavailableRow } from '../harness/row.js';
import { compare, type Task } from '../harness/runner.js';

const modulePath = 'functions/lib/idempotency/index.ts';

interface IdempotencyModule {
  dynamoDbIdempotencyStore(options: DynamoDbIdempotencyStoreOptions): IdempotencyStore;
  idempotencyTableDefinition(tableName: string): CreateTableCommandInput;
}

const rows = {
  fresh: {
    id: 'B6.new',
    name: 'idempotency, new record (claim + complete) vs one conditional PutItem',
    goal: atMost(2.2),
  },
  duplicate: {
    id: 'B6.duplicate',
    name: 'idempotency, duplicate record in a redelivered batch of 100 (one read ahead, no claims) vs one conditional PutItem',
    goal: atMost(1.2),
  },
  duplicateAlone: {
    id: 'B6.duplicate.single',
    name: 'idempotency, duplicate record claimed on its own (batches under 50 records) vs one conditional PutItem',
    goal: noGoal,
  },
} as const;

/** A redelivered batch at Lambda's default batch size for Kafka event sources. */
const redeliveredBatch = 100;

const leaseMs = 60_000;
const payloadHash = 'a'.repeat(64);

/** B6: per-record cost of the idempotency store on DynamoDB Local, one record per timed run. */
export const idempotencyBenchmark: Benchmark = {
  id: 'B6',
  title: 'idempotency store vs conditional PutItem (DynamoDB Local)',
  async run(context: BenchContext): Promise<Row[]> {
    const missing = missingModule([modulePath]);
    if (missing) {
      return [
        unavailableRow(rows.fresh.id, rows.fresh.name, rows.fresh.goal, '×', missing),
        unavailableRow(rows.duplicate.id, rows.duplicate.name, rows.duplicate.goal, '×', missing),
        unavailableRow(
          rows.duplicateAlone.id,
          rows.duplicateAlone.name,
          rows.duplicateAlone.goal,
          '×',
          missing,
        ),
      ];
    }
    const module = await importProjectModule<IdempotencyModule>(modulePath);
    const client = localDynamoDb(context.endpoints);
    const tableName = uniqueName('bench-idempotency');
    const dropTable = await createBenchTable(client, module.idempotencyTableDefinition(tableName));
    try {
      const store = module.dynamoDbIdempotencyStore({ client, tableName });
      const { warmupRounds, latencyRounds: rounds } = context.profile;
      let sequence = 0;
      const nextKey = (prefix: string) => `${prefix}#${sequence++}`;

      // One conditional PutItem of a new item the size of a claim: the cheapest write that
      // can refuse a duplicate, which is what any idempotency scheme must do at least once.
      const putItem = (): Task => {
        let key = '';
        return {
          label: 'PutItem',
          opsPerRun: 1,
          prepare: () => {
            key = nextKey('put');
          },
          run: () =>
            client.send(
              new PutItemCommand({
                TableName: tableName,
                Item: {
                  id: { S: key },
                  status: { S: 'IN_PROGRESS' },
                  token: { S: crypto.randomUUID() },
                  payloadHash: { S: payloadHash },
                  leaseExpiresAt: { N: String(Date.now() + leaseMs) },
                  expiresAt: { N: String(Math.floor(Date.now() / 1000) + 604_800) },
                },
                ConditionExpression: 'attribute_not_exists(id)',
              }),
            ),
        };
      };

      let freshKey = '';
      const fresh = await compare({
        profile: context.cpuProfile(rows.fresh.id),
        warmupRounds,
        rounds,
        variant: {
          label: 'claim + complete',
          opsPerRun: 1,
          prepare: () => {
            freshKey = nextKey('new');
          },
          run: async () => {
            const result = await store.claim({ key: freshKey, payloadHash, leaseMs });
            if (result.status !== 'claimed') throw new Error(`new key ${freshKey} was not claimed`);
            await store.complete(result.claim);
          },
        },
        baseline: putItem(),
      });

      // Duplicates of records completed beforehand, one per timed run.
      const completed: string[] = [];
      const duplicateProfile = context.cpuProfile(rows.duplicateAlone.id);
      const needed = 2 * (warmupRounds + rounds) + (duplicateProfile?.runs ?? 0) + redeliveredBatch;
      for (let index = 0; index < needed; index++) {
        const key = nextKey('dup');
        const result = await store.claim({ key, payloadHash, leaseMs });
        if (result.status === 'claimed') await store.complete(result.claim);
        completed.push(key);
      }
      const duplicate = await compare({
        profile: duplicateProfile,
        warmupRounds,
        rounds,
        variant: {
          label: 'claim (duplicate)',
          opsPerRun: 1,
          run: async () => {
            const key = completed.pop();
            if (key === undefined) throw new Error('ran out of completed keys');
            const result = await store.claim({ key, payloadHash, leaseMs });
            if (result.status !== 'completed') throw new Error(`duplicate ${key} was claimed again`);
          },
        },
        baseline: putItem(),
      });

      // The consumer's path for a redelivered batch: one read ahead answers every record.
      const batchKeys = completed.splice(0, redeliveredBatch).map((key) => ({ key, payloadHash }));
      const redelivered = await compare({
        profile: context.cpuProfile(rows.duplicate.id),
        warmupRounds,
        rounds,
        variant: {
          label: `read ahead of ${redeliveredBatch} duplicates`,
          opsPerRun: redeliveredBatch,
          run: async () => {
            const found = await store.completedAmong?.(batchKeys);
            if (found?.size !== redeliveredBatch) {
              throw new Error(`read ahead vouched for ${found?.size ?? 0} of ${redeliveredBatch} duplicates`);
            }
          },
        },
        baseline: putItem(),
      });

      const note = `${rounds} ABBA rounds, one record per run, same DynamoDBClient`;
      return [
        comparisonRow({ ...rows.fresh, note }, fresh, 'ms'),
        comparisonRow(
          {
            ...rows.duplicate,
            note: `${rounds} ABBA rounds; a run is one BatchGetItem of ${redeliveredBatch} completed keys, per record; batches of 50 or more records are read ahead by the consumer`,
          },
          redelivered,
          'ms',
        ),
        comparisonRow({ ...rows.duplicateAlone, note }, duplicate, 'ms'),
      ];
    } finally {
      await dropTable();
      client.destroy();
    }
  },
};
