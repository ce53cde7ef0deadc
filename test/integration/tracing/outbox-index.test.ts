import { CreateTableCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { KMSClient } from '@aws-sdk/client-kms';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type OutboxRecord,
  outboxTableDefinition,
  toOutboxItem,
} from '../../../functions/lib/outbox/index.js';
import { bootstrapResources } from '../../../local/assembly/bootstrap.js';
import { outboxLookups } from '../../../local/trace/outbox-lookups.js';
import { localClientConfig, uniqueName } from '../../support/local-aws.js';
import { dropTables, dynamodb, kafka, sqs } from '../outbox/support.js';

const CAUSE = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

/** Three events: the cause, a follow-up written by a consumer with the cause's traceparent, and one of another trace. */
function events(prefix: string): OutboxRecord[] {
  const base = {
    eventType: 'OrderPaid',
    aggregateType: 'Order',
    occurredAt: new Date().toISOString(),
    source: 'orders',
    topic: `${prefix}.order.paid`,
    payload: { orderId: 'o-1' },
    headers: {},
    txSeq: 0,
    expiresAt: Math.floor(Date.now() / 1000) + 3600,
  };
  return [
    { ...base, eventId: `${prefix}-cause`, aggregateId: 'o-1', txId: 'tx-1', traceparent: CAUSE },
    { ...base, eventId: `${prefix}-follow-up`, aggregateId: 'f-1', txId: 'tx-2', traceparent: CAUSE },
    {
      ...base,
      eventId: `${prefix}-other`,
      aggregateId: 'o-2',
      txId: 'tx-3',
      traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
    },
  ];
}

/**
 * `eventline trace` finds an outbox event by id and its follow-ups by traceparent through the
 * table's KEYS_ONLY indexes, on DynamoDB Local; a table without them is scanned, and that is said.
 */
describe('The outbox lookups of eventline trace', () => {
  const prefix = uniqueName('trace-index');
  const tables: string[] = [];

  async function tableWith(name: string, traceIndexes: boolean, records: readonly OutboxRecord[]) {
    const table = `${prefix}-${name}`;
    tables.push(table);
    await dynamodb.send(new CreateTableCommand(outboxTableDefinition(table, { traceIndexes })));
    for (const record of records) {
      await dynamodb.send(new PutItemCommand({ TableName: table, Item: toOutboxItem(record) }));
    }
    return table;
  }

  afterAll(async () => {
    await dropTables(...tables);
  });

  describe('with the indexes', () => {
    const written = events(`${prefix}-a`);
    const warnings: string[] = [];
    let lookups: ReturnType<typeof outboxLookups>;

    beforeAll(async () => {
      const table = await tableWith('indexed', true, written);
      lookups = outboxLookups(dynamodb, table, { warn: (line) => warnings.push(line) });
    });

    it('finds an event by id and the events of its traceparent, and reports no scan', async () => {
      const [cause, followUp] = written as [OutboxRecord, OutboxRecord];

      expect(await lookups.outboxItem(cause.eventId)).toEqual(cause);
      expect(await lookups.outboxItem(`${prefix}-unknown`)).toBeUndefined();
      const sameTrace = await lookups.outboxItemsWithTraceparent(CAUSE);
      expect(sameTrace.map((r) => r.eventId).sort()).toEqual([cause.eventId, followUp.eventId].sort());
      expect(warnings).toEqual([]);
    });
  });

  describe('without the indexes', () => {
    const written = events(`${prefix}-b`);
    const warnings: string[] = [];
    let table: string;
    let lookups: ReturnType<typeof outboxLookups>;

    beforeAll(async () => {
      table = await tableWith('plain', false, written);
      lookups = outboxLookups(dynamodb, table, { warn: (line) => warnings.push(line) });
    });

    it('finds the same events by scanning, and says so once per missing index', async () => {
      const [cause, followUp] = written as [OutboxRecord, OutboxRecord];

      expect(await lookups.outboxItem(cause.eventId)).toEqual(cause);
      expect(await lookups.outboxItem(followUp.eventId)).toEqual(followUp);
      const sameTrace = await lookups.outboxItemsWithTraceparent(CAUSE);
      expect(sameTrace.map((r) => r.eventId).sort()).toEqual([cause.eventId, followUp.eventId].sort());

      expect(warnings).toHaveLength(2);
      expect(warnings[0]).toContain(`table ${table} has no readable index by-event-id`);
      expect(warnings[1]).toContain(`table ${table} has no readable index by-traceparent`);
      expect(warnings.every((w) => w.includes('scanning the table instead'))).toBe(true);
    });
  });

  describe('on a table made before the indexes', () => {
    it('bootstrap adds them, keeping the items, and the lookups then use them', async () => {
      const written = events(`${prefix}-c`);
      const table = await tableWith('older', false, written);
      const admin = kafka.admin();
      await admin.connect();
      const kms = new KMSClient(localClientConfig('moto'));
      let created: readonly string[];
      try {
        const plan = {
          prefix,
          tables: [{ logicalId: 'OutboxTable', definition: outboxTableDefinition(table) }],
          queues: [],
          topics: [],
          keys: [],
        };
        ({ created } = await bootstrapResources(plan, { dynamodb, sqs, admin, kms }));
      } finally {
        await admin.disconnect();
        kms.destroy();
      }
      const warnings: string[] = [];
      const lookups = outboxLookups(dynamodb, table, { warn: (line) => warnings.push(line) });

      expect(created).toEqual([
        `index by-event-id of table ${table}`,
        `index by-traceparent of table ${table}`,
      ]);
      expect(await lookups.outboxItem(written[1]?.eventId as string)).toEqual(written[1]);
      expect(await lookups.outboxItemsWithTraceparent(CAUSE)).toHaveLength(2);
      expect(warnings).toEqual([]);
    });
  });
});
