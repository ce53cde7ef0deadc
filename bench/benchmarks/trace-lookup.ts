import { randomBytes } from 'node:crypto';
import { BatchWriteItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { v7 as uuidV7 } from 'uuid';
import {
  OutboxAttributes,
  type OutboxRecord,
  outboxTableDefinition,
  toOutboxItem,
} from '../../functions/lib/outbox/index.js';
import { uniqueName } from '../../local/stack/unique-name.js';
import { outboxLookups, scanTable } from '../../local/trace/outbox-lookups.js';
import type { BenchContext, Benchmark } from '../harness/context.js';
import { createBenchTable, localDynamoDb } from '../harness/dynamodb.js';
import { noGoal } from '../harness/goals.js';
import { comparisonRow, type Row } from '../harness/row.js';
import { compare } from '../harness/runner.js';

const row = {
  id: 'B13',
  name: 'eventline trace, an outbox event by id: Query on the by-event-id index + GetItem vs a filtered Scan of the table',
  goal: noGoal,
} as const;

/** Outbox items seeded: about a week of a modest service in full mode. */
const seeded = { full: 100_000, quick: 10_000 } as const;
/** ABBA rounds: a full Scan of the table is one side of every run. */
const rounds = { full: 3, quick: 2 } as const;

/** BatchWriteItem's limit, and how many batches are in flight while seeding. */
const BATCH = 25;
const IN_FLIGHT = 8;

function record(index: number): OutboxRecord {
  const orderId = `o-${index}`;
  return {
    eventId: uuidV7(),
    eventType: 'OrderPaid',
    aggregateType: 'Order',
    aggregateId: orderId,
    occurredAt: new Date().toISOString(),
    source: 'orders',
    topic: 'orders.order.paid',
    // A payload the size of the sample events' (a few hundred bytes).
    payload: { orderId, paymentId: `pay-${index}`, amountCents: 990 + index, note: 'x'.repeat(200) },
    traceparent: `00-${randomBytes(16).toString('hex')}-${randomBytes(8).toString('hex')}-01`,
    headers: {},
    txId: `tx-${index}`,
    txSeq: 0,
    expiresAt: Math.floor(Date.now() / 1000) + 7 * 86_400,
  };
}

async function seed(client: DynamoDBClient, table: string, count: number, log: (line: string) => void) {
  const ids: string[] = [];
  let next = 0;
  let written = 0;
  const writer = async () => {
    while (next < count) {
      const batch: OutboxRecord[] = [];
      while (batch.length < BATCH && next < count) batch.push(record(next++));
      ids.push(...batch.map((r) => r.eventId));
      let pending = batch.map((r) => ({ PutRequest: { Item: toOutboxItem(r) } }));
      while (pending.length > 0) {
        const answer = await client.send(new BatchWriteItemCommand({ RequestItems: { [table]: pending } }));
        pending = (answer.UnprocessedItems?.[table] ?? []) as typeof pending;
      }
      written += batch.length;
      if (written % 10_000 < batch.length) log(`  seeded ${written} of ${count} outbox items`);
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, writer));
  return ids;
}

/**
 * B13: what `eventline trace` pays to find an event in a week of outbox items, on DynamoDB
 * Local: the index path against the scan it falls back to when the table has no index, both
 * on the same seeded table, each run looking up another event.
 */
export const traceLookupBenchmark: Benchmark = {
  id: 'B13',
  title: 'trace lookup of an outbox event: index vs scan (DynamoDB Local)',
  async run(context: BenchContext): Promise<Row[]> {
    const { mode } = context.profile;
    const client = localDynamoDb(context.endpoints);
    const table = uniqueName('bench-outbox');
    const dropTable = await createBenchTable(client, outboxTableDefinition(table));
    try {
      const ids = await seed(client, table, seeded[mode], context.log);
      const lookups = outboxLookups(client, table, {
        warn: (line) => {
          throw new Error(`the benchmark table should have its indexes: ${line}`);
        },
      });
      let eventId = '';
      const pick = () => {
        eventId = ids[Math.floor(Math.random() * ids.length)] as string;
      };
      const comparison = await compare({
        warmupRounds: 1,
        rounds: rounds[mode],
        variant: {
          label: 'Query by-event-id + GetItem',
          opsPerRun: 1,
          prepare: pick,
          run: async () => {
            if ((await lookups.outboxItem(eventId))?.eventId !== eventId)
              throw new Error(`${eventId} not found`);
          },
        },
        baseline: {
          label: 'Scan with a filter on sk',
          opsPerRun: 1,
          prepare: pick,
          run: async () => {
            const found = await scanTable(client, table, `${OutboxAttributes.sortKey} = :id`, {
              ':id': { S: eventId },
            });
            if (found.length !== 1) throw new Error(`${eventId} found ${found.length} times`);
          },
        },
      });
      return [
        comparisonRow(
          {
            ...row,
            note: `${seeded[mode]} outbox items with traceparent; ${rounds[mode]} ABBA rounds, a random event per run`,
          },
          comparison,
          'ms',
        ),
      ];
    } finally {
      await dropTable();
      client.destroy();
    }
  },
};
